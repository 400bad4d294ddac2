SELECT number, CASE WHEN number < 2 THEN 'low' WHEN number < 4 THEN 'mid' ELSE 'high' END, CASE number WHEN 0 THEN 'zero' WHEN 5 THEN 'five' END FROM numbers(6);
