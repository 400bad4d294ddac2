SELECT toInt32('42'), toUInt8('255'), toInt64('-9223372036854775808'), toFloat64('1.5e3');
