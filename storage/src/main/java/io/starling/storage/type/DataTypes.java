package io.starling.storage.type;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;

/** Parses ClickHouse type names ({@code Nullable(DateTime64(3, 'UTC'))}) into {@link DataType}s. */
public final class DataTypes {
    private DataTypes() {
    }

    /**
     * Parses a type name a user wrote (schemas, CAST, query parameters, ALTER), with ClickHouse's rules: a type
     * that cannot be inside Nullable (Array, Map, Tuple, LowCardinality, Nullable, AggregateFunction) fails with
     * ILLEGAL_TYPE_OF_ARGUMENT (43) and says what to write instead.
     */
    public static DataType parse(String text) {
        return parse(text, true);
    }

    /**
     * Parses a type name read back from stored metadata (part and block headers, catalog entries, wire specs of
     * existing tables). Accepts everything {@link #parse} does plus Nullable(Array / Map / Tuple / LowCardinality /
     * Nullable / AggregateFunction), which schemas accepted before they were refused, so tables created then still
     * open, ingest (Parquet builds such columns) and query.
     */
    public static DataType parseStored(String text) {
        return parse(text, false);
    }

    /** Whether ClickHouse allows {@code Nullable(type)}: scalars yes; containers, LowCardinality, Nullable and states no. */
    public static boolean canBeInsideNullable(DataType type) {
        return switch (type.behavesAs()) {
            case ArrayType array -> false;
            case MapType map -> false;
            case TupleType tuple -> false;
            case NullableType nullable -> false;
            case LowCardinalityType lowCardinality -> false;
            case AggregateFunctionType state -> false;
            default -> true;
        };
    }

    private static DataType parse(String text, boolean strict) {
        Cursor cursor = new Cursor(text, strict);
        DataType type = cursor.type();
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            throw unknown(text, "unexpected text after the type at position " + cursor.position);
        }
        return type;
    }

    /**
     * Bytes per value of a fixed-width byte type (FixedString(N): N, UUID and IPv6: 16, Decimal256: 32), or -1 for
     * every other type (String and AggregateFunction states have variable length).
     */
    public static int fixedByteWidth(DataType type) {
        return switch (type.behavesAs()) {
            case FixedStringType fixed -> fixed.length();
            case DecimalType decimal when decimal.is256() -> io.starling.storage.column.Int256.BYTES;
            case UuidType uuid -> 16;
            case Ipv6Type ipv6 -> 16;
            default -> -1;
        };
    }

    private static StarlingException unknown(String text, String why) {
        return new StarlingException(ErrorCode.UNKNOWN_TYPE,
                "Unknown data type [" + text + "]: " + why + ". Use a ClickHouse type such as Int64, String or DateTime64(3)");
    }

    private static StarlingException notImplemented(String text, String why) {
        return new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Data type [" + text + "] is not supported yet: " + why);
    }

    private static StarlingException notInsideNullable(String text, DataType inner, boolean topLevel) {
        String where = topLevel ? "" : " (in " + text.strip() + ")";
        String instead = switch (inner) {
            case ArrayType array -> container(array, new ArrayType(orNullable(array.element())), "elements", "[]");
            case MapType map -> container(map, new MapType(map.key(), orNullable(map.value())), "values", "map()");
            case TupleType tuple -> container(tuple, new TupleType(
                    tuple.elements().stream().map(DataTypes::orNullable).toList(), tuple.names()), "elements", null);
            case LowCardinalityType lowCardinality -> new LowCardinalityType(orNullable(lowCardinality.inner())).name();
            case NullableType nullable -> nullable.name();
            default -> inner.name() + " (its state has no NULL)";
        };
        return new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Nested type " + inner.name()
                + " cannot be inside Nullable type" + where + ": use " + instead);
    }

    /** "use Array(Nullable(T)) for NULL elements, or Array(T) with a DEFAULT": NULLs go inside, a DEFAULT replaces a missing value. */
    private static String container(DataType written, DataType nullableInside, String parts, String emptyValue) {
        String withDefault = written.name() + " with a DEFAULT" + (emptyValue == null ? "" : " (e.g. " + emptyValue + ")")
                + " for a missing value";
        return nullableInside.equals(written) ? withDefault
                : nullableInside.name() + " for NULL " + parts + ", or " + withDefault;
    }

    private static DataType orNullable(DataType type) {
        return canBeInsideNullable(type) ? new NullableType(type) : type;
    }

    /** A tiny recursive-descent reader over the type text. */
    private static final class Cursor {
        private final String text;
        private final boolean strict;
        private int position;
        private int depth;

        Cursor(String text, boolean strict) {
            this.text = text;
            this.strict = strict;
        }

        DataType type() {
            depth++;
            try {
                return typeAtDepth();
            } finally {
                depth--;
            }
        }

        private DataType typeAtDepth() {
            skipSpaces();
            String word = word();
            if (word.isEmpty()) {
                throw unknown(text, "expected a type name at position " + position);
            }
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "int8", "tinyint" -> IntegerType.INT8;
                case "int16", "smallint" -> IntegerType.INT16;
                case "int32", "int", "integer" -> IntegerType.INT32;
                case "int64", "bigint" -> IntegerType.INT64;
                case "uint8" -> IntegerType.UINT8;
                case "uint16" -> IntegerType.UINT16;
                case "uint32" -> IntegerType.UINT32;
                case "uint64" -> IntegerType.UINT64;
                case "int128", "int256", "uint128", "uint256" -> throw notImplemented(text,
                        "integers wider than 64 bits are not implemented; use Int64, UInt64, Float64 or String");
                case "float32", "float", "real" -> FloatType.FLOAT32;
                case "float64", "double" -> FloatType.FLOAT64;
                case "bool", "boolean" -> BoolType.BOOL;
                case "string", "text", "varchar" -> StringType.STRING;
                case "fixedstring" -> fixedString();
                case "uuid" -> UuidType.UUID;
                case "date" -> DateType.DATE;
                case "date32" -> Date32Type.DATE32;
                case "datetime" -> dateTime();
                case "datetime64" -> dateTime64();
                case "decimal", "numeric" -> decimal();
                case "decimal32" -> decimalWithScale(9);
                case "decimal64" -> decimalWithScale(18);
                case "decimal128" -> decimalWithScale(38);
                case "decimal256" -> decimalWithScale(76);
                case "enum8" -> enumType(8);
                case "enum16" -> enumType(16);
                case "enum" -> enumType(0);
                case "ipv4" -> Ipv4Type.IPV4;
                case "ipv6" -> Ipv6Type.IPV6;
                case "nothing" -> NothingType.NOTHING;
                case "lowcardinality" -> new LowCardinalityType(single());
                case "nullable" -> nullable();
                case "array" -> new ArrayType(single());
                case "tuple" -> tuple();
                case "map" -> map();
                case "simpleaggregatefunction" -> simpleAggregateFunction();
                case "aggregatefunction" -> aggregateFunction();
                case "nested", "json", "object", "variant", "dynamic" -> throw notImplemented(text,
                        "[" + word + "] columns are not implemented; store the value as String and extract with JSON functions");
                default -> throw unknown(text, "[" + word + "] is not a supported type");
            };
        }

        private DataType nullable() {
            boolean topLevel = depth == 1;
            DataType inner = single();
            if (strict && !canBeInsideNullable(inner)) {
                throw notInsideNullable(text, inner, topLevel);
            }
            return new NullableType(inner);
        }

        private DataType fixedString() {
            expect('(');
            int length = number();
            expect(')');
            if (length < 1 || length > 0xFFFFFF) {
                throw unknown(text, "FixedString length must be between 1 and 16777215");
            }
            return new FixedStringType(length);
        }

        private DataType decimal() {
            skipSpaces();
            if (!peek('(')) {
                return checkedDecimal(10, 0);
            }
            expect('(');
            int precision = number();
            int scale = 0;
            skipSpaces();
            if (peek(',')) {
                expect(',');
                scale = number();
            }
            expect(')');
            return checkedDecimal(precision, scale);
        }

        private DataType decimalWithScale(int precision) {
            expect('(');
            int scale = number();
            expect(')');
            return checkedDecimal(precision, scale);
        }

        private DataType checkedDecimal(int precision, int scale) {
            if (precision < 1 || precision > 76) {
                throw unknown(text, "Decimal precision must be between 1 and 76");
            }
            if (scale > precision) {
                throw unknown(text, "Decimal scale [" + scale + "] must not exceed the precision [" + precision + "]");
            }
            return new DecimalType(precision, scale);
        }

        /** Enum8('a' = 1, ...); {@code bits} 0 picks the width from the values (plain {@code Enum}). */
        private DataType enumType(int bits) {
            expect('(');
            java.util.List<EnumType.Member> members = new java.util.ArrayList<>();
            int implicit = 1;
            boolean fits8 = true;
            do {
                String name = quoted();
                skipSpaces();
                int value;
                if (peek('=')) {
                    expect('=');
                    skipSpaces();
                    boolean negative = peek('-');
                    if (negative) {
                        position++;
                    }
                    value = negative ? -number() : number();
                } else {
                    value = implicit;
                }
                implicit = value + 1;
                fits8 &= value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
                members.add(new EnumType.Member(name, value));
                skipSpaces();
            } while (consume(','));
            expect(')');
            int width = bits == 0 ? (fits8 ? 8 : 16) : bits;
            try {
                return new EnumType(width, members);
            } catch (IllegalArgumentException e) {
                throw unknown(text, e.getMessage());
            }
        }

        private DataType tuple() {
            expect('(');
            java.util.List<DataType> elements = new java.util.ArrayList<>();
            java.util.List<String> names = new java.util.ArrayList<>();
            do {
                skipSpaces();
                String name = elementName();
                if (name != null) {
                    names.add(name);
                }
                elements.add(type());
                skipSpaces();
            } while (consume(','));
            expect(')');
            if (!names.isEmpty() && names.size() != elements.size()) {
                throw unknown(text, "name every element of the Tuple or none");
            }
            return new TupleType(elements, names);
        }

        /** Reads {@code name } before a tuple element's type, or answers null (and reads nothing) when absent. */
        private String elementName() {
            int start = position;
            String name;
            if (peek('`') || peek('"')) {
                char quote = text.charAt(position++);
                int nameStart = position;
                while (position < text.length() && text.charAt(position) != quote) {
                    position++;
                }
                name = text.substring(nameStart, position);
                expect(quote);
                return name;
            }
            name = word();
            int afterWord = position;
            skipSpaces();
            if (!name.isEmpty() && afterWord < position && position < text.length()
                    && (Character.isLetter(text.charAt(position)) || text.charAt(position) == '_')) {
                return name;
            }
            position = start;
            return null;
        }

        private DataType map() {
            expect('(');
            DataType key = type();
            expect(',');
            DataType value = type();
            expect(')');
            if (key instanceof NullableType || key instanceof ArrayType || key instanceof TupleType || key instanceof MapType) {
                throw unknown(text, "a Map key must be a string, number, date, UUID or LowCardinality of those");
            }
            return new MapType(key, value);
        }

        private DataType simpleAggregateFunction() {
            expect('(');
            String function = functionSpec();
            expect(',');
            DataType inner = type();
            expect(')');
            switch (inner.physical()) {
                case LONG, DOUBLE, BYTES -> {
                }
                default -> throw notImplemented(text, "SimpleAggregateFunction over [" + inner.name()
                        + "] is not implemented; use a number, date or String argument type");
            }
            return new SimpleAggregateFunctionType(function, inner);
        }

        private DataType aggregateFunction() {
            expect('(');
            String function = functionSpec();
            java.util.List<DataType> arguments = new java.util.ArrayList<>();
            skipSpaces();
            while (consume(',')) {
                arguments.add(type());
                skipSpaces();
            }
            expect(')');
            return new AggregateFunctionType(function, arguments);
        }

        /** {@code name} or {@code name(p1, p2)}: parameters are literals, re-joined with ", ". */
        private String functionSpec() {
            skipSpaces();
            String name = word();
            if (name.isEmpty()) {
                throw unknown(text, "expected an aggregate function name at position " + position);
            }
            skipSpaces();
            if (!peek('(')) {
                return name;
            }
            expect('(');
            StringBuilder out = new StringBuilder(name).append('(');
            skipSpaces();
            boolean first = true;
            while (!peek(')')) {
                if (!first) {
                    expect(',');
                    out.append(", ");
                }
                first = false;
                skipSpaces();
                int start = position;
                char quote = 0;
                while (position < text.length()) {
                    char c = text.charAt(position);
                    if (quote != 0) {
                        if (c == '\\') {
                            position++;
                        } else if (c == quote) {
                            quote = 0;
                        }
                    } else if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == ',' || c == ')') {
                        break;
                    }
                    position++;
                }
                if (position >= text.length()) {
                    throw unknown(text, "unclosed parameter list of [" + name + "]");
                }
                out.append(text, start, position).setLength(out.length() - trailingSpaces(start, position));
                skipSpaces();
            }
            expect(')');
            return out.append(')').toString();
        }

        private int trailingSpaces(int start, int end) {
            int count = 0;
            while (end - count > start && Character.isWhitespace(text.charAt(end - count - 1))) {
                count++;
            }
            return count;
        }

        private boolean consume(char expected) {
            skipSpaces();
            if (peek(expected)) {
                position++;
                return true;
            }
            return false;
        }

        private DataType dateTime() {
            skipSpaces();
            if (!peek('(')) {
                return DateTimeType.DATETIME;
            }
            expect('(');
            String zone = quoted();
            expect(')');
            return new DateTimeType(zone);
        }

        private DataType dateTime64() {
            expect('(');
            int precision = number();
            String zone = null;
            skipSpaces();
            if (peek(',')) {
                expect(',');
                zone = quoted();
            }
            expect(')');
            return new DateTime64Type(precision, zone);
        }

        private DataType single() {
            expect('(');
            DataType inner = type();
            expect(')');
            return inner;
        }

        private String word() {
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            return text.substring(start, position);
        }

        private int number() {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw unknown(text, "expected a number at position " + position);
            }
            return Integer.parseInt(text.substring(start, position));
        }

        private String quoted() {
            skipSpaces();
            expect('\'');
            StringBuilder value = new StringBuilder();
            while (position < text.length() && text.charAt(position) != '\'') {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            expect('\'');
            return value.toString();
        }

        private boolean peek(char expected) {
            return position < text.length() && text.charAt(position) == expected;
        }

        private void expect(char expected) {
            skipSpaces();
            if (!peek(expected)) {
                throw unknown(text, "expected '" + expected + "' at position " + position);
            }
            position++;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        boolean atEnd() {
            return position >= text.length();
        }
    }
}
