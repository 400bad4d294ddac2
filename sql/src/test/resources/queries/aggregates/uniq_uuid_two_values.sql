-- two distinct UUIDs among nine rows
SELECT uniqExact(u) FROM (SELECT CAST(if(number % 3 = 0, '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '00000000-0000-0000-0000-000000000001') AS UUID) AS u FROM numbers(9));
