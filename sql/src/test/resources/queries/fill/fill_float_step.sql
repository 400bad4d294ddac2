SELECT toFloat64(number) * 1.5 AS x FROM numbers(3) ORDER BY x WITH FILL STEP 0.5;
