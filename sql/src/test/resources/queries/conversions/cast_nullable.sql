SELECT CAST(NULL AS Nullable(Int32)), CAST('a' AS Nullable(String)), toTypeName(CAST(NULL AS Nullable(String)));
