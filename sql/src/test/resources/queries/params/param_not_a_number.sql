-- param_x=12abc
-- error: BAD_QUERY_PARAMETER
SELECT {x:UInt8};
