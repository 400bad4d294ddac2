SELECT accurateCast(300, 'UInt16'), accurateCast(-1, 'Int8'), accurateCast('42', 'UInt8'), accurateCast(1.5, 'Float32');
