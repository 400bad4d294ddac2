SELECT toInt8OrNull('300'), toUInt8OrZero('x'), toInt16OrNull('-32768'), toUInt64OrNull('-1');
