SELECT (1, 2) < (1, NULL), (NULL, 1) = (NULL, 1);
