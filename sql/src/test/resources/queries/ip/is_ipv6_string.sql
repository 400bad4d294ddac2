SELECT isIPv6String('::1'), isIPv6String('2001:db8::ff00:42:8329'), isIPv6String('1.2.3.4'), isIPv6String('1::2::3'), isIPv6String('gggg::1');
