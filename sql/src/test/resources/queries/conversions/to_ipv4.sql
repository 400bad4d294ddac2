SELECT toIPv4('192.168.0.1'), toTypeName(toIPv4('1.2.3.4'));
