SELECT toInt32(NULL), toString(NULL), CAST(NULL AS Nullable(Int8)), toTypeName(CAST(NULL AS Nullable(Int8)));
