SELECT IPv4NumToString(IPv4StringToNum('10.20.30.40'));
