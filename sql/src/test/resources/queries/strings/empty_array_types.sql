SELECT toTypeName(emptyArrayString()), toTypeName(emptyArrayFloat64()), toTypeName(emptyArrayDate());
