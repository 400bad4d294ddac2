-- columns
SELECT accurateCastOrNull(5, 'UInt8') AS a, accurateCastOrNull('x', 'String') AS b;
