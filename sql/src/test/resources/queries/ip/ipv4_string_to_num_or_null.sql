SELECT IPv4StringToNumOrNull('bad'), IPv4StringToNumOrNull('1.2.3.4'), IPv4StringToNumOrDefault('256.0.0.1'), IPv4StringToNumOrDefault('1.0.0.1');
