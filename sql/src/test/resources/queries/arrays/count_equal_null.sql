SELECT countEqual([1, NULL, NULL], NULL), countEqual([1, NULL, 1], 1);
