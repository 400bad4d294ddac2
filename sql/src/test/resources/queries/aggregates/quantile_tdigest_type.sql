-- columns
SELECT quantileTDigest(0.5)(number) AS q, quantileTDigest(0.5)(toFloat64(number)) AS f FROM numbers(4);
