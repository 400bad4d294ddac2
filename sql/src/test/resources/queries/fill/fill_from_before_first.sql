SELECT number + 3 AS n FROM numbers(2) ORDER BY n WITH FILL FROM 0;
