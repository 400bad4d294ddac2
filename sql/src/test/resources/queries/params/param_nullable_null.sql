-- param_n=\N
SELECT isNull({n:Nullable(UInt8)}) AS x;
