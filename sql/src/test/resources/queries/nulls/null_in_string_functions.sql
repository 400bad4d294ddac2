SELECT lower(NULL), concat('a', NULL), substring(NULL, 1, 2), length(CAST(NULL AS Nullable(String)));
