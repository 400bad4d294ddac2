-- param_n=2
SELECT number FROM numbers(10) LIMIT {n:UInt32};
