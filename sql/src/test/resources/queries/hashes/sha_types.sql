SELECT toTypeName(SHA1('')), toTypeName(SHA224('')), toTypeName(SHA256('')), length(SHA256('x'));
