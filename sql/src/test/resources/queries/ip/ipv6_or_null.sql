SELECT IPv6StringToNumOrNull('zzz'), hex(IPv6StringToNumOrDefault('zzz'));
