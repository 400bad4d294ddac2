SELECT accurateCastOrNull(-1, 'UInt8'), accurateCastOrNull(128, 'Int8'), accurateCastOrNull(127, 'Int8'), accurateCastOrNull('Test', 'FixedString(2)');
