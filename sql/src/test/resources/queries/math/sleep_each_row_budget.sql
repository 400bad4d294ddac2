-- error: TOO_SLOW
SELECT sleepEachRow(1) FROM numbers(4);
