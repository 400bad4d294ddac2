SELECT toString(number % 2) AS a, if(number < 2, 'lo', 'hi') AS b, count() AS c FROM numbers(4) GROUP BY GROUPING SETS ((a, b), (b)) ORDER BY a, b, c;
