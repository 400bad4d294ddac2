SELECT JSONExtract('[1, "two", 3.5]', 'Tuple(Int64, String, Float64)'), JSONExtract('[1]', 'Tuple(Int64, String)');
