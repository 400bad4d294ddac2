SELECT hex(IPv6StringToNum('2001:db8::1')), IPv6NumToString(toFixedString(unhex('20010DB8000000000000000000000001'), 16));
