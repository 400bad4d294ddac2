SELECT sin(NULL), cos(CAST(NULL AS Nullable(Float64)));
