SELECT concat_ws('/', 'usr', 'local', 'bin');
