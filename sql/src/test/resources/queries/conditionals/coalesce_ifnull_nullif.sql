SELECT coalesce(NULL, NULL, 3), ifNull(NULL, 'd'), ifNull('v', 'd'), nullIf(1, 1), nullIf(1, 2), assumeNotNull(toNullable(5));
