SELECT toString(toUInt8(255)), toString(toInt8(-128)), toString(1.5), toString(toDate('2024-01-01')), toString([1, 2]), toString((1, 'a'));
