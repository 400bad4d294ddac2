SELECT IPv6NumToString(IPv6StringToNum('1:0:2:0:0:0:0:3')), IPv6NumToString(IPv6StringToNum('1:0:2:3:4:5:6:7')), IPv6NumToString(IPv6StringToNum('::ffff:1.2.3.4'));
