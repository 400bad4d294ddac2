-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT arrayReduce('sum', []);
