SELECT hasAll([1, 2], []), hasAny([1, 2], []), hasAll([], []), hasAll([1, 2, 3], [3, 1]), hasAny(['a'], ['b', 'a']);
