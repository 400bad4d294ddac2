SELECT hex(reinterpretAsString(toUInt32(258))), length(reinterpretAsString(toUInt64(1))), length(reinterpretAsString(0)), reinterpretAsUInt16('abcdef');
