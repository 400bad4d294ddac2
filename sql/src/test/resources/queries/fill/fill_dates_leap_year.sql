SELECT addDays(toDate('2024-02-27'), number * 2) AS d FROM numbers(3) ORDER BY d WITH FILL;
