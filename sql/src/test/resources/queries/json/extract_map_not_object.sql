SELECT JSONExtract('[1, 2]', 'Map(String, Int64)'), JSONExtract('{}', 'Map(String, Int64)');
