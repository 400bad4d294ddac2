-- param_col=number
SELECT {col:Identifier} FROM numbers(2);
