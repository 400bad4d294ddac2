SELECT groupBitOr(number), groupBitAnd(number + 1), groupBitXor(number) FROM numbers(5);
