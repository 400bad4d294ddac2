SELECT length(map('a', 1, 'b', 2)), empty(map()), notEmpty(map('a', 1)), map();
