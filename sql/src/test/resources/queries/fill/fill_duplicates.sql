SELECT intDiv(number, 2) * 2 AS n FROM numbers(4) ORDER BY n WITH FILL;
