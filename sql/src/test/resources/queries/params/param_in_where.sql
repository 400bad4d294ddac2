-- param_lo=3
SELECT number FROM numbers(6) WHERE number >= {lo:UInt64} ORDER BY number;
