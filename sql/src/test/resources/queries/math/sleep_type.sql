-- columns
SELECT sleep(0) AS s;
