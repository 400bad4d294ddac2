-- param_x=41
SELECT {x:UInt8} + 1 AS y;
