SELECT IPv4NumToStringClassC(toUInt32(3232235777)), IPv4NumToStringClassC(IPv4StringToNum('8.8.8.8'));
