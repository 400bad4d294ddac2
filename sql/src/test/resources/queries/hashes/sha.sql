SELECT hex(SHA1('abc')), hex(SHA224('abc')), hex(SHA256('abc')), hex(SHA256(''));
