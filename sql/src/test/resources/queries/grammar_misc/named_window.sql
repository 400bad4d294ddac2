SELECT number, row_number() OVER w AS r, sum(number) OVER w AS s FROM numbers(4) WINDOW w AS (ORDER BY number DESC) ORDER BY number;
