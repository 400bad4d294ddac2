SELECT splitByString('', 'abc');
