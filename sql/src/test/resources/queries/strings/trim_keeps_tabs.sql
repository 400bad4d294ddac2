SELECT length(trimBoth('\t x \t')), length(trim(' \n x \n '));
