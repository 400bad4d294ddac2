SELECT number % 2 AS k, groupArray(2)(number) FROM numbers(10) GROUP BY k ORDER BY k;
