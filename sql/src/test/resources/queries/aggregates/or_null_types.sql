-- columns
SELECT sumOrNull(number) AS s, avgOrDefault(number) AS a FROM numbers(2);
