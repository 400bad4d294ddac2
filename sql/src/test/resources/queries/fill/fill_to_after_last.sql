SELECT number AS n FROM numbers(2) ORDER BY n WITH FILL TO 5;
