SELECT count(DISTINCT u), count() FROM (SELECT generateUUIDv4() AS u FROM numbers(100));
