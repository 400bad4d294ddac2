SELECT number, sleepEachRow(0.001) FROM numbers(3);
