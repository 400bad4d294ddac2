SELECT isIPv4String('1.2.3.4'), isIPv4String('1.2.3'), isIPv4String('256.1.1.1'), isIPv4String('::1'), isIPv4String('');
