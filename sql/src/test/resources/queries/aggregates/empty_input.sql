-- columns
SELECT count(), sum(number), avg(number), min(number), max(number), uniq(number), groupArray(number), any(number) FROM numbers(0);
