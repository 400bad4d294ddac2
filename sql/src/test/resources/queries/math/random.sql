-- columns
SELECT toTypeName(rand()), toTypeName(rand64()), toTypeName(randCanonical()), toTypeName(generateUUIDv4()), toTypeName(now64()), toTypeName(now64(6));
SELECT count(), uniqExact(r) > 990, min(r) >= 0, max(r) < 4294967296, uniqExact(u) FROM (SELECT rand() AS r, generateUUIDv4() AS u FROM numbers(1000));
SELECT min(c) >= 0, max(c) < 1, count() FROM (SELECT randCanonical() AS c FROM numbers(100));
SELECT rand(1) != rand(2) OR rand(3) != rand(4), length(toString(generateUUIDv4())), substring(toString(generateUUIDv4()), 15, 1), abs(dateDiff('second', now64(), now())) < 5;
SELECT count() FROM (SELECT now() - INTERVAL rand() % (7 * 86400) SECOND AS t FROM numbers(200)) WHERE t <= now() AND t > now() - INTERVAL 7 DAY;
