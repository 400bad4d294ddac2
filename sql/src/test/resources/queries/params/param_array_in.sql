-- param_ids=[1,3]
SELECT number FROM numbers(5) WHERE number IN {ids:Array(UInt64)};
