SELECT leftPadUTF8('абв', 5, 'ж'), rightPadUTF8('абв', 4, '*'), leftPad('абв', 7, '*');
