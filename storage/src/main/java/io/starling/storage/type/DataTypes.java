package io.starling.storage.type;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;

/** Parses ClickHouse type names ({@code Nullable(DateTime64(3, 'UTC'))}) into {@link DataType}s. */
public final class DataTypes {
    private DataTypes() {
    }

    public static DataType parse(String text) {
        Cursor cursor = new Cursor(text);
        DataType type = cursor.type();
        cursor.skipSpaces();
        if (!cursor.atEnd()) {
            throw unknown(text, "unexpected text after the type at position " + cursor.position);
        }
        return type;
    }

    private static StarlingException unknown(String text, String why) {
        return new StarlingException(ErrorCode.UNKNOWN_TYPE,
                "Unknown data type [" + text + "]: " + why + ". Use a ClickHouse type such as Int64, String or DateTime64(3)");
    }

    /** A tiny recursive-descent reader over the type text. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        DataType type() {
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
                case "float32", "float", "real" -> FloatType.FLOAT32;
                case "float64", "double" -> FloatType.FLOAT64;
                case "bool", "boolean" -> BoolType.BOOL;
                case "string", "text", "varchar" -> StringType.STRING;
                case "date" -> DateType.DATE;
                case "datetime" -> dateTime();
                case "datetime64" -> dateTime64();
                case "lowcardinality" -> new LowCardinalityType(single());
                case "nullable" -> new NullableType(single());
                case "array" -> new ArrayType(single());
                default -> throw unknown(text, "[" + word + "] is not a supported type");
            };
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
            int start = position;
            while (position < text.length() && text.charAt(position) != '\'') {
                position++;
            }
            String value = text.substring(start, position);
            expect('\'');
            return value;
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
