SELECT IPv4NumToString(toUInt32(3232235777)), IPv4NumToString(toUInt32(0)), IPv4NumToString(toUInt32(4294967295));
