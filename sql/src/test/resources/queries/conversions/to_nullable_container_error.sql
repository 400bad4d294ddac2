-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT toNullable([1, 2]);
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT toNullable(map('a', 1));
-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT toNullable(tuple(1, 'x'));
