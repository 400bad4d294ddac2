SELECT length([1, 2, 3]), empty([]), notEmpty([1]), has([1, 2], 2), indexOf([5, 6, 7], 7), arrayElement([1, 2, 3], -1);
