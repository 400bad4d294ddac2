SELECT arrayUniq([1, 2, 2, 3]), arrayUniq(['a', 'a']), arrayUniq(emptyArrayUInt8());
