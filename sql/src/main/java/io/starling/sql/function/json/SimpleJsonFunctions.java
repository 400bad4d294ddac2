package io.starling.sql.function.json;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.DataType;
import java.util.List;

/**
 * simpleJSON* (alias visitParam*): the fast functions for simple JSON. They find the first {@code "name":}
 * anywhere in the text, at any nesting level, without validating the document, as ClickHouse does. They assume
 * JSON without whitespace outside strings: {@code {"a": 1}} has a space where a value should start, so a number
 * reads as 0 and a raw value keeps the space.
 */
final class SimpleJsonFunctions {
    private SimpleJsonFunctions() {
    }

    private enum Kind { HAS, UINT, INT, FLOAT, BOOL, RAW, STRING }

    static void register(FunctionRegistry registry) {
        add(registry, "Has", Kind.HAS, Types.UINT8);
        add(registry, "ExtractUInt", Kind.UINT, Types.UINT64);
        add(registry, "ExtractInt", Kind.INT, Types.INT64);
        add(registry, "ExtractFloat", Kind.FLOAT, Types.FLOAT64);
        add(registry, "ExtractBool", Kind.BOOL, Types.UINT8);
        add(registry, "ExtractRaw", Kind.RAW, Types.STRING);
        add(registry, "ExtractString", Kind.STRING, Types.STRING);
    }

    private static void add(FunctionRegistry registry, String suffix, Kind kind, DataType type) {
        String name = "simpleJSON" + suffix;
        registry.add(ScalarFunction.of(name, arguments -> resolve(name, arguments, kind, type)));
        registry.alias("visitParam" + suffix, name, false);
    }

    private static ScalarKernel resolve(String name, List<Argument> arguments, Kind kind, DataType type) {
        Errors.checkCount(name, arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalArgument(name, 0, "a String holding JSON");
        }
        String field = arguments.get(1).constantString(name, 1);
        byte[] needle = JsonFunctions.utf8("\"" + field + "\":");
        return ScalarKernel.of(type, (operands, rows) -> apply(operands[0], rows, needle, kind, type));
    }

    private static Column apply(Operand documents, int rows, byte[] needle, Kind kind, DataType type) {
        StringColumn strings = documents.strings();
        JsonScanner json = new JsonScanner();
        long[] longs = kind == Kind.FLOAT || kind == Kind.RAW || kind == Kind.STRING ? null : new long[rows];
        double[] doubles = kind == Kind.FLOAT ? new double[rows] : null;
        StringColumnBuilder text = longs == null && doubles == null ? new StringColumnBuilder(type, rows) : null;
        for (int i = 0; i < rows; i++) {
            int row = documents.row(i);
            int start = strings.valueOffset(row);
            int end = start + strings.valueLength(row);
            json.reset(strings.rawBytes(), end);
            // Like ClickHouse, the value must follow the colon directly: no whitespace is skipped.
            int p = find(strings.rawBytes(), start, end, needle);
            switch (kind) {
                case HAS -> longs[i] = p >= 0 ? 1 : 0;
                case UINT, INT -> longs[i] = p < 0 ? 0 : leadingInteger(json, p, kind == Kind.INT);
                case FLOAT -> doubles[i] = p < 0 ? 0 : leadingFloat(json, p);
                case BOOL -> longs[i] = p >= 0 && p + 4 <= end && json.text(p, p + 4).equals("true") ? 1 : 0;
                case RAW -> {
                    if (p < 0) {
                        text.appendDefault();
                    } else {
                        int after = rawEnd(json, p);
                        text.appendBytes(json.bytes, p, after - p);
                    }
                }
                case STRING -> {
                    if (p >= 0 && json.decodeString(p)) {
                        text.appendBytes(json.scratch(), 0, json.scratchLength());
                    } else {
                        text.appendDefault();
                    }
                }
            }
        }
        if (longs != null) {
            return new LongColumn(type, longs);
        }
        return doubles != null ? new DoubleColumn(type, doubles) : text.build();
    }

    /** The position after the first occurrence of {@code needle} in {@code [start, end)}, or -1. */
    static int find(byte[] bytes, int start, int end, byte[] needle) {
        int last = end - needle.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (bytes[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        return -1;
    }

    private static long leadingInteger(JsonScanner json, int p, boolean signed) {
        if (p < json.end && json.bytes[p] == '"') {
            p++;
        }
        boolean negative = p < json.end && json.bytes[p] == '-';
        if (negative) {
            if (!signed) {
                return 0;
            }
            p++;
        }
        long value = 0;
        while (p < json.end && JsonScanner.isDigit(json.bytes[p])) {
            value = value * 10 + (json.bytes[p++] - '0');
        }
        return negative ? -value : value;
    }

    private static double leadingFloat(JsonScanner json, int p) {
        if (p < json.end && json.bytes[p] == '"') {
            p++;
        }
        int start = p;
        while (p < json.end && (JsonScanner.isDigit(json.bytes[p]) || json.bytes[p] == '-' || json.bytes[p] == '+'
                || json.bytes[p] == '.' || json.bytes[p] == 'e' || json.bytes[p] == 'E')) {
            p++;
        }
        try {
            return p == start ? 0 : Double.parseDouble(json.text(start, p));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The end of a raw value: up to a ',', '}' or ']' outside strings and brackets. */
    private static int rawEnd(JsonScanner json, int p) {
        int depth = 0;
        boolean inString = false;
        for (int i = p; i < json.end; i++) {
            byte b = json.bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                depth++;
            } else if (b == ']' || b == '}') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (b == ',' && depth == 0) {
                return i;
            }
        }
        return json.end;
    }
}
