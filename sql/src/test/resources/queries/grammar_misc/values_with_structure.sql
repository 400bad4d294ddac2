-- columns
SELECT * FROM values('a UInt8, b String', (1, 'x'), (2, 'y'));
