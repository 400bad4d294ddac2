SELECT number, arrayReduce('sum', range(number)) FROM numbers(5);
