SELECT JSONExtract('"text"', 'Tuple(a String, b Int64)'), JSONExtract('', 'Tuple(a String)');
