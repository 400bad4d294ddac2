SELECT NULL = NULL, NULL != 1, isNull(NULL), isNotNull(1), 1 + NULL;
