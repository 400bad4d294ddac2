SELECT arrayCompact([1, 1, 2, 2, 2, 1, 3, 3]), arrayCompact(emptyArrayUInt8()), arrayCompact(['a', 'a', 'b']);
