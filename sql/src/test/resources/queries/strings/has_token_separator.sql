-- error: BAD_ARGUMENTS
SELECT hasToken('a b', 'a b');
