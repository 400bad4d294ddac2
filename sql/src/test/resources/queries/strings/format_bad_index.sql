-- error: BAD_ARGUMENTS
SELECT format('{2}', 'a');
