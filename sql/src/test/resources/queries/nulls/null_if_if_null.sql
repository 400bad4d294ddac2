SELECT nullIf(1, 1), nullIf(1, 2), ifNull(NULL, 'd'), ifNull('v', 'd'), coalesce(NULL, NULL, 3), coalesce(NULL);
