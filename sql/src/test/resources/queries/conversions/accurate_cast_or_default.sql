SELECT accurateCastOrDefault(-1, 'UInt8'), accurateCastOrDefault(-1, 'UInt8', toUInt8(5)), accurateCastOrDefault('x', 'Int32'), accurateCastOrDefault(7, 'UInt8');
