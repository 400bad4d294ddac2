SELECT number * 2 AS n FROM numbers(3) ORDER BY n DESC WITH FILL;
