SELECT number, JSONExtractInt('[10, 20, 30]', number + 1) FROM numbers(4);
