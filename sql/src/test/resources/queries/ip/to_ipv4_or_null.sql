SELECT toIPv4OrNull('bad'), toIPv4OrNull('127.0.0.1'), toIPv4OrZero('x');
