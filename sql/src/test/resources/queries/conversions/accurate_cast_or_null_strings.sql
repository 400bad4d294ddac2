SELECT accurateCastOrNull('300', 'UInt8'), accurateCastOrNull('12', 'UInt8'), accurateCastOrNull('abc', 'Int32'), accurateCastOrNull('2024-01-02', 'Date');
