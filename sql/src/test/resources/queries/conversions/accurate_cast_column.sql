SELECT number, accurateCastOrNull(number * 100, 'UInt8') FROM numbers(4);
