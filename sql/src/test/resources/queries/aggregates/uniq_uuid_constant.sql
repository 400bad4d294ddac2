-- uniq and uniqExact count a 16-byte UUID by value, not by identity
SELECT uniqExact(u), uniq(u) FROM (SELECT CAST('61f0c404-5cb3-11e7-907b-a6006ad3dba0' AS UUID) AS u FROM numbers(10));
