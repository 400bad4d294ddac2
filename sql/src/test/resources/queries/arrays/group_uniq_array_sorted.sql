SELECT arraySort(groupUniqArray(number % 3)) FROM numbers(10);
