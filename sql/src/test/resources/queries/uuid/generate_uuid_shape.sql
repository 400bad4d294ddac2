SELECT length(toString(generateUUIDv4())), toTypeName(generateUUIDv4()), substring(toString(generateUUIDv4()), 15, 1);
