SELECT has([NULL, 1], NULL), indexOf([1, NULL], NULL), countEqual([NULL, NULL, 1], NULL), has([1, 2], NULL);
