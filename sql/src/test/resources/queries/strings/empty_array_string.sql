SELECT emptyArrayString(), length(emptyArrayString()), emptyArrayUInt8(), emptyArrayInt64();
