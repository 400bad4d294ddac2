-- columns
SELECT * FROM values((1, 'a'), (300, 'b'));
