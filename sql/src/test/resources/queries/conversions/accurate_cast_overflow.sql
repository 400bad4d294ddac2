-- error: CANNOT_CONVERT_TYPE
SELECT accurateCast(300, 'UInt8');
