SELECT accurateCastOrNull(nan, 'Int32'), accurateCastOrNull(inf, 'UInt64'), accurateCastOrNull(1e20, 'Int64');
