SELECT sumArray([1, 2, 3]), countArray(tags), uniqArray(tags), maxArray(tags) FROM events LIMIT 1;
