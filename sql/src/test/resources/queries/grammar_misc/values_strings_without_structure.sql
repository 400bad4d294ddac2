-- columns
SELECT * FROM values('a', 'b');
