-- error: UNKNOWN_FUNCTION
SELECT frobnicate(1);
-- error: UNKNOWN_FUNCTION
SELECT todate('2024-01-01');
-- error: UNKNOWN_FUNCTION
SELECT * FROM generateRandom('a Int8');
