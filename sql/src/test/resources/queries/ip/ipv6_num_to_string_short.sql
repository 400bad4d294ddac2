SELECT IPv6NumToString(IPv6StringToNum('::1')), IPv6NumToString(IPv6StringToNum('::')), IPv6NumToString(IPv6StringToNum('::1.2.3.4'));
