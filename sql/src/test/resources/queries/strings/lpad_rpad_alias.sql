SELECT lpad('7', 3, '0'), rpad('7', 3, '0');
