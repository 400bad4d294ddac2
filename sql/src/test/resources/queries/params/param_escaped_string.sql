-- param_s=a\tb
SELECT length({s:String}) AS l;
