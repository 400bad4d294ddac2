SELECT has([1, 2, 300], 300), has([1.5, 2.5], 2.5), has([toInt8(-1)], -1);
