SELECT arraySort(['b', 'B', 'a', 'A', '', 'ab']);
