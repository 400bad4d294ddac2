SELECT number AS n FROM numbers(4) QUALIFY n % 2 = 1;
