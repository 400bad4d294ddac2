-- param_a=[1,2,3]
SELECT arraySum({a:Array(UInt8)}) AS s, length({a:Array(UInt8)}) AS n;
