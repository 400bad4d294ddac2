-- columns
SELECT number, if(number > 1, 'big', 'small'), multiIf(number = 0, 'zero', number = 1, 'one', 'many'), if(number = 2, NULL, number) FROM numbers(4);
