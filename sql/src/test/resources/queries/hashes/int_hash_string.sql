-- error: ILLEGAL_TYPE_OF_ARGUMENT
SELECT intHash64('abc');
