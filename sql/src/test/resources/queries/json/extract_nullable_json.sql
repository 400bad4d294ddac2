SELECT JSONExtractString(CAST(NULL AS Nullable(String)), 'a'), JSONHas(CAST(NULL AS Nullable(String)), 'a');
