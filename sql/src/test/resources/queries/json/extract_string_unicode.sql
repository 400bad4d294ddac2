SELECT JSONExtractString('{"s": "caf\\u00e9"}', 's'), JSONExtractString('{"s": "tab\\there"}', 's') = 'tab\there';
