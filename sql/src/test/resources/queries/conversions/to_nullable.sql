SELECT toNullable(1), toTypeName(toNullable(1)), toTypeName(toNullable('a'));
