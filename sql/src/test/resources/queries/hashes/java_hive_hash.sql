SELECT javaHash('Hello, world!'), hiveHash('Hello, world!'), javaHash(''), javaHash(toInt32(123)), javaHash(toInt64(-1)), javaHash(toInt64(4294967296));
