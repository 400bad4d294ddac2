SELECT CAST(['1', '2'] AS Array(UInt8)), CAST([1, 2] AS Array(String)), CAST((1, '2') AS Tuple(String, UInt8));
