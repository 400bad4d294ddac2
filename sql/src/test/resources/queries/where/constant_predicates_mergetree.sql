SELECT count() FROM engine_replacing;
SELECT count() FROM engine_replacing WHERE 1;
SELECT count() FROM engine_replacing WHERE true;
SELECT count() FROM engine_replacing WHERE 0;
SELECT count() FROM engine_replacing WHERE NULL;
SELECT count() FROM engine_replacing WHERE 1 AND value = 'a';
SELECT id, value FROM engine_replacing WHERE 1 AND id = 1 ORDER BY value;
SELECT count() FROM engine_replacing WHERE 1 = 1 AND ver > 0;
