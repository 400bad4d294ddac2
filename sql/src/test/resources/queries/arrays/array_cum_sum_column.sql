SELECT number, arrayCumSum(range(number + 1)) FROM numbers(4);
