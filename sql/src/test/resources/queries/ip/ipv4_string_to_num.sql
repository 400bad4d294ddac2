SELECT IPv4StringToNum('192.168.1.1'), IPv4StringToNum('0.0.0.0'), IPv4StringToNum('255.255.255.255');
