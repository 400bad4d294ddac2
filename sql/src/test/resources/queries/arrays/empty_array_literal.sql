-- columns
SELECT [] AS e, length([]) AS n;
