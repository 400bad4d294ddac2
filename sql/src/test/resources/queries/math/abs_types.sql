-- columns
SELECT abs(toInt8(-128)), abs(toInt32(-5)), abs(-1.5);
