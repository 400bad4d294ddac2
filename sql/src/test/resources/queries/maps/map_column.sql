SELECT number, map('n', number, 'sq', number * number)['sq'] FROM numbers(4);
