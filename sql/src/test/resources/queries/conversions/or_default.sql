SELECT toInt32OrDefault('12', toInt32(5)), toInt32OrDefault('x', toInt32(5)), toFloat64OrDefault('bad', 2.5);
