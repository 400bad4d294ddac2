SELECT NULL + 1, 1 + NULL, NULL = NULL, concat('a', NULL), toTypeName(NULL);
