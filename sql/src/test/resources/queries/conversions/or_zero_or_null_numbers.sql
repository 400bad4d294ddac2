SELECT toInt32OrZero('12a'), toInt32OrNull('12a'), toFloat64OrZero('x'), toFloat64OrNull('1.25'), toUInt64OrZero('');
