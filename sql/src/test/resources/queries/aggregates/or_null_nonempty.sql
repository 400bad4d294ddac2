SELECT sumOrNull(number), avgOrNull(number), minOrNull(number) FROM numbers(4);
