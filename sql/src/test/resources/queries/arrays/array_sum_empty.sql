SELECT arraySum(emptyArrayUInt8()), arrayMax(emptyArrayUInt8()), arrayAvg(emptyArrayUInt8());
