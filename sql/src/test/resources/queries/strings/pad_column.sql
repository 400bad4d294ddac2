SELECT leftPad(toString(number * 7), 3, '0') FROM numbers(4);
