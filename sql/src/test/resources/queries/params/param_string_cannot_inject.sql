-- param_s=x'); DROP TABLE t; --
-- columns
SELECT {s:String} AS s;
