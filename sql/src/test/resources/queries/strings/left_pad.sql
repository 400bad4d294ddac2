SELECT leftPad('abc', 6, '*'), leftPad('abc', 7, '12'), leftPad('abc', 2), leftPad('abc', 5);
