SELECT hex(IPv4ToIPv6(IPv4StringToNum('192.168.0.1'))), IPv6NumToString(IPv4ToIPv6(IPv4StringToNum('192.168.0.1')));
