SELECT countIf(substring(toString(u), 20, 1) IN ('8', '9', 'a', 'b')) FROM (SELECT generateUUIDv4() AS u FROM numbers(50));
