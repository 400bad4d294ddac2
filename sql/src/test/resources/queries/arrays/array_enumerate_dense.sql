SELECT arrayEnumerateDense([10, 20, 10, 30, 20]), arrayEnumerateDense(['a', 'b', 'a']);
