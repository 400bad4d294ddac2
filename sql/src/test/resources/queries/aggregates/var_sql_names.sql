SELECT VAR_POP(number), var_samp(number), STDDEV_POP(number), stddev_samp(number) FROM numbers(4);
