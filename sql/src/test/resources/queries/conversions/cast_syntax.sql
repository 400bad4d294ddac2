SELECT CAST('5' AS UInt8), CAST(5 AS String), CAST(1.7 AS Int32), CAST('2024-03-10' AS Date), toTypeName(CAST(1 AS Float32));
