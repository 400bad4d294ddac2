SELECT IPv4NumToString(NULL), UUIDStringToNum(NULL), toIPv4OrNull(NULL);
