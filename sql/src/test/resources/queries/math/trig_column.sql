SELECT number, round(sin(number), 4), round(cos(number), 4) FROM numbers(3);
