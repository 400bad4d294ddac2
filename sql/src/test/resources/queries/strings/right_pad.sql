SELECT rightPad('abc', 6, '*'), rightPad('abc', 7, '12'), rightPad('abcdef', 3, '*'), rightPad('', 3, 'z');
