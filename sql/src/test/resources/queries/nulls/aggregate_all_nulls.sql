-- columns
SELECT sum(n), avg(n), min(n), max(n), count(n), any(n) FROM (SELECT if(number > 100, number, NULL) AS n FROM numbers(5));
