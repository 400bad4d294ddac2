SELECT concat('a', NULL), length(NULL), upper(NULL), isNull(concat('a', NULL));
