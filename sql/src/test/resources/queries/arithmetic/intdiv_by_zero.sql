-- error: ILLEGAL_DIVISION
SELECT intDiv(number, 0) FROM numbers(3);
SELECT intDivOrZero(5, 0);
