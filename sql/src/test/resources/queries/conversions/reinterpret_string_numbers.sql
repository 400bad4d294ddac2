SELECT reinterpretAsUInt64('abc'), reinterpretAsString(65), reinterpretAsInt8('a'), reinterpretAsFloat64(reinterpretAsString(1.5));
