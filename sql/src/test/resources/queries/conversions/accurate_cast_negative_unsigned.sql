-- error: CANNOT_CONVERT_TYPE
SELECT accurateCast(-1, 'UInt8');
