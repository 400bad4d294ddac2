SELECT splitByRegexp('', 'abc');
