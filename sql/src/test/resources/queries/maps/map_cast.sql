SELECT CAST(map('a', 1) AS Map(String, UInt64)) AS m, toTypeName(m);
