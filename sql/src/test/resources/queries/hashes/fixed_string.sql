SELECT cityHash64(toFixedString('abc', 5)), sipHash64(toFixedString('abc', 5)), cityHash64(toFixedString('abc', 3)) = cityHash64('abc');
