SELECT abs(toDecimal32('-1.5', 2)) AS a, toTypeName(a), abs(toDecimal64('2.25', 2)), abs(toDecimal128('-12345678901234567890.5', 1)) AS w, toTypeName(w);
SELECT abs(d) FROM (SELECT toDecimal64(number, 1) - 2 AS d FROM numbers(4)) ORDER BY d;
SELECT min(round(d, 0)), max(floor(d)), sum(ceil(d)), avg(abs(d)) FROM (SELECT toDecimal64(number, 1) / 4 - 1 AS d FROM numbers(9));
SELECT sum(round(d, 1)) AS s, toTypeName(s) FROM (SELECT toDecimal32(number, 2) / 8 AS d FROM numbers(4));
SELECT round(toDecimal32('1.25', 2), 1) = toDecimal32('1.3', 1), floor(toDecimal64('2.7', 1)) < 2.5, abs(toDecimal128('-3', 0)) > 2, greatest(round(toDecimal32('1.15', 2), 1), toDecimal32('1.1', 2));
