SELECT hasAll([1, 2, 3], [1, 3]), hasAll([1, 2], [4]), hasAny([1, 2], [2, 5]), hasAny([1], []), hasAll([], []);
