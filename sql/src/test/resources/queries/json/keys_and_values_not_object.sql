SELECT JSONExtractKeysAndValues('[1, 2]', 'Int64'), JSONExtractKeysAndValuesRaw('5');
