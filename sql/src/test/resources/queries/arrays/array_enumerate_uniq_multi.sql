SELECT arrayEnumerateUniq([1, 1, 2, 1, 2]);
