SELECT has([1, 2, 3], 2), has([1, 2, 3], 5), has(['a'], 'a'), has([1, NULL], NULL), has(emptyArrayUInt8(), 0);
