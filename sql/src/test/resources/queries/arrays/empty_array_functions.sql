SELECT hasAny([1], []), hasAll([1], []), length([]), empty([]), arrayConcat([], [1]);
