SELECT round(15, -1), round(25, -1), floor(123, -1), ceil(121, -1);
