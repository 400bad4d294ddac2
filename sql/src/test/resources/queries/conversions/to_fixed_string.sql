SELECT toFixedString('abc', 5), toTypeName(toFixedString('abc', 5)), length(toFixedString('abc', 5));
