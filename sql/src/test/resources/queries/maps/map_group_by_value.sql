SELECT map('a', number % 2)['a'] AS k, count() FROM numbers(10) GROUP BY k ORDER BY k;
