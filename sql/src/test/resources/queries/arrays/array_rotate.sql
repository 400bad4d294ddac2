SELECT arrayRotateLeft([1, 2, 3, 4], 1), arrayRotateRight([1, 2, 3, 4], 1), arrayRotateLeft([1, 2, 3], 4);
