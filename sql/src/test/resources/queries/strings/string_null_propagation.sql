SELECT repeat(NULL, 2), concat('a', NULL), upper(NULL), length(NULL);
