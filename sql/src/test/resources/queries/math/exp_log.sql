SELECT exp(0), ln(1), log2(8), log10(1000), sqrt(16), pow(2, 10), power(2, 0.5);
