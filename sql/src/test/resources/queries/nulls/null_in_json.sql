SELECT JSONExtractString(NULL, 'a'), JSONExtract(NULL, 'a', 'Int64'), JSONHas(NULL, 'a');
