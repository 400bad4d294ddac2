SELECT if(1, 'a', 'b'), if(0, 'a', 'b'), multiIf(0, 'a', 1, 'b', 'c'), multiIf(0, 'a', 0, 'b', 'c');
