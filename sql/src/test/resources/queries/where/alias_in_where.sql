SELECT number * 10 AS big FROM numbers(5) WHERE big > 20;
SELECT number + 1 AS number FROM numbers(3) WHERE number > 1;
