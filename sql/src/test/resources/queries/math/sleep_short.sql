SELECT sleep(0.01), count() FROM numbers(5);
