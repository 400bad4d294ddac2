package io.starling.sql.format;

import static io.starling.sql.format.ValueParser.isSpace;
import static io.starling.sql.format.ValueParser.isStringLike;
import static io.starling.sql.format.ValueParser.regionMatchesIgnoreCase;

import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.column.TupleColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.TupleType;

/**
 * Parses the composite values of {@link ValueParser}: arrays {@code [a, 'b']}, tuples {@code (a, 'b')} and maps
 * {@code {'k': v}}. Each value is validated fully before anything is appended; elements are parsed by the owning
 * {@link ValueParser}. Owned by one {@link ValueParser}: not thread-safe.
 */
final class CompositeParser {
    private final ValueParser parser;

    CompositeParser(ValueParser parser) {
        this.parser = parser;
    }


    /** {@code (a, 'b')} or {@code [a, 'b']}: exactly one value per element. Validates fully before appending. */
    boolean parseTuple(TupleType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkTuple(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        TupleColumnBuilder tupleBuilder = (TupleColumnBuilder) builder;
        walkTuple(type, c, start, end, tupleBuilder);
        tupleBuilder.closeTuple();
        return true;
    }

    private boolean walkTuple(TupleType type, char[] c, int start, int end, TupleColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || !((c[start] == '(' && c[end - 1] == ')') || (c[start] == '[' && c[end - 1] == ']'))) {
            return false;
        }
        int position = start + 1;
        int last = end - 1;
        int count = type.elements().size();
        for (int i = 0; i < count; i++) {
            int tokenEnd = elementEnd(c, position, last);
            if (tokenEnd < 0 || (i < count - 1) == (tokenEnd == last)) {
                return false;
            }
            if (!parseElement(type.elements().get(i), c, position, tokenEnd, builder == null ? null : builder.element(i))) {
                return false;
            }
            position = tokenEnd + 1;
        }
        return true;
    }

    /** {@code {'k': v, ...}} (JSON objects too). Validates fully before appending. */
    boolean parseMap(MapType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkMap(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        MapColumnBuilder mapBuilder = (MapColumnBuilder) builder;
        walkMap(type, c, start, end, mapBuilder);
        mapBuilder.closeMap();
        return true;
    }

    private boolean walkMap(MapType type, char[] c, int start, int end, MapColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || c[start] != '{' || c[end - 1] != '}') {
            return false;
        }
        int position = start + 1;
        int last = end - 1;
        while (position < last && isSpace(c[position])) {
            position++;
        }
        if (position == last) {
            return true;
        }
        while (position <= last) {
            int entryEnd = elementEnd(c, position, last);
            if (entryEnd < 0) {
                return false;
            }
            int colon = topLevel(c, position, entryEnd, ':');
            if (colon < 0
                    || !parseElement(type.key(), c, position, colon, builder == null ? null : builder.keys())
                    || !parseElement(type.value(), c, colon + 1, entryEnd, builder == null ? null : builder.values())) {
                return false;
            }
            position = entryEnd + 1;
            if (entryEnd == last) {
                break;
            }
        }
        return true;
    }

    /** Position of the first {@code separator} outside quotes and brackets in {@code [start, end)}, or -1. */
    private static int topLevel(char[] c, int start, int end, char separator) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                depth--;
            } else if (ch == separator && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    boolean parseArray(ArrayType type, char[] c, int start, int end, ColumnBuilder builder) {
        if (!walkArray(type, c, start, end, null)) {
            return false;
        }
        if (builder == null) {
            return true;
        }
        if (!(builder instanceof ArrayColumnBuilder arrayBuilder)) {
            throw new IllegalArgumentException("Array values need an ArrayColumnBuilder, got a builder of ["
                    + builder.type().name() + "]");
        }
        walkArray(type, c, start, end, arrayBuilder);
        arrayBuilder.closeArray();
        return true;
    }

    /** Visits the elements of {@code [a, 'b', ...]}, validating them, or appending them when a builder is given. */
    private boolean walkArray(ArrayType type, char[] c, int start, int end, ArrayColumnBuilder builder) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (end - start < 2 || c[start] != '[' || c[end - 1] != ']') {
            return false;
        }
        DataType element = type.element();
        ColumnBuilder elements = builder == null ? null : builder.elements();
        int position = start + 1;
        int last = end - 1;
        while (position < last && isSpace(c[position])) {
            position++;
        }
        if (position == last) {
            return true;
        }
        while (position <= last) {
            int tokenEnd = elementEnd(c, position, last);
            if (tokenEnd < 0) {
                return false;
            }
            if (!parseElement(element, c, position, tokenEnd, elements)) {
                return false;
            }
            position = tokenEnd + 1;
            while (position < last && isSpace(c[position])) {
                position++;
            }
            if (tokenEnd == last) {
                break;
            }
        }
        return true;
    }

    /** Position of the ',' or closing ']' (at {@code last}) ending the element starting at {@code position}. */
    private static int elementEnd(char[] c, int position, int last) {
        int depth = 0;
        char quote = 0;
        for (int i = position; i < last; i++) {
            char ch = c[i];
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                depth++;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                return i;
            }
        }
        return quote == 0 && depth == 0 ? last : -1;
    }

    private boolean parseElement(DataType element, char[] c, int start, int end, ColumnBuilder elements) {
        while (start < end && isSpace(c[start])) {
            start++;
        }
        while (end > start && isSpace(c[end - 1])) {
            end--;
        }
        if (start == end) {
            return false;
        }
        char first = c[start];
        if ((first == '\'' || first == '"') && end - start >= 2 && c[end - 1] == first) {
            char[] unquoted = new char[end - start];
            int length = unescape(c, start + 1, end - 1, first, unquoted);
            if (isStringLike(element)) {
                if (elements != null) {
                    parser.appendString(unquoted, 0, length, elements);
                }
                return true;
            }
            return parser.parse(element, unquoted, 0, length, elements);
        }
        if (regionMatchesIgnoreCase(c, start, end, "null")) {
            if (elements != null) {
                elements.appendNull();
            }
            return true;
        }
        return parser.parse(element, c, start, end, elements);
    }

    private static int unescape(char[] c, int start, int end, char quote, char[] target) {
        int length = 0;
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (ch == quote && i + 1 < end && c[i + 1] == quote) {
                i++;
            } else if (ch == '\\' && i + 1 < end) {
                ch = switch (c[++i]) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '0' -> '\0';
                    default -> c[i];
                };
            }
            target[length++] = ch;
        }
        return length;
    }
}
