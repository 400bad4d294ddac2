SELECT replicate(5, emptyArrayUInt8());
