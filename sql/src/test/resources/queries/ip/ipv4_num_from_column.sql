SELECT number, IPv4NumToString(toUInt32(number * 16777216 + 1)) FROM numbers(3);
