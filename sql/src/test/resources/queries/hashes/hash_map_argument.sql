-- error: UNKNOWN_FUNCTION
SELECT cityHashSixtyFour('a');
