SELECT hex(reinterpretAsFixedString(toUInt32(258))), reinterpretAsUInt32(toFixedString('ab', 2));
