SELECT hex(IPv6StringToNum('1.2.3.4')), IPv6NumToString(IPv6StringToNum('1.2.3.4'));
