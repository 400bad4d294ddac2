SELECT hex(SHA512('abc')), toTypeName(SHA512(''));
