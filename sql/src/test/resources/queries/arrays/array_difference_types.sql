-- columns
SELECT arrayDifference([1, 2]) AS a, arrayDifference([toInt64(1)]) AS b, arrayDifference([toUInt32(5), 1]) AS c;
