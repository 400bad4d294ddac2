SELECT (1, 'a'), toTypeName((1, 'a')), tuple(1, 2.5, 'x');
