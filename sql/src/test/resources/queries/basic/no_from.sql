SELECT 1 + 2 AS three, dummy FROM system.one;
SELECT 'no from';
