SELECT toString(1), toString(-1.5), toString(0.1), toString(1e21), toString(toUInt64(18446744073709551615));
