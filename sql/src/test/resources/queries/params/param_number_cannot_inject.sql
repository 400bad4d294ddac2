-- param_x=1 OR 1=1
-- error: BAD_QUERY_PARAMETER
SELECT number FROM numbers(3) WHERE number = {x:UInt64};
