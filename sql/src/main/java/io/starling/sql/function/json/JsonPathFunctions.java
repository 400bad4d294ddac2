package io.starling.sql.function.json;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL/JSON path functions: JSON_VALUE (a scalar as text), JSON_QUERY (the value as JSON, in brackets) and
 * JSON_EXISTS, for paths such as {@code $.a.b[0]} and {@code $['key']} (indexes are 0-based here).
 */
final class JsonPathFunctions {
    private JsonPathFunctions() {
    }

    private enum Kind { VALUE, QUERY, EXISTS }

    static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("JSON_VALUE", arguments -> resolve("JSON_VALUE", arguments, Kind.VALUE)));
        registry.add(ScalarFunction.of("JSON_QUERY", arguments -> resolve("JSON_QUERY", arguments, Kind.QUERY)));
        registry.add(ScalarFunction.of("JSON_EXISTS", arguments -> resolve("JSON_EXISTS", arguments, Kind.EXISTS)));
    }

    private static ScalarKernel resolve(String name, List<Argument> arguments, Kind kind) {
        Errors.checkCount(name, arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalArgument(name, 0, "a String holding JSON");
        }
        List<Object> path = parse(arguments.get(1).constantString(name, 1));
        return ScalarKernel.of(kind == Kind.EXISTS ? Types.UINT8 : Types.STRING, (operands, rows) -> {
            StringColumn documents = operands[0].strings();
            JsonScanner json = new JsonScanner();
            StringColumnBuilder out = kind == Kind.EXISTS ? null : new StringColumnBuilder(Types.STRING, rows);
            long[] exists = kind == Kind.EXISTS ? new long[rows] : null;
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int start = documents.valueOffset(row);
                json.reset(documents.rawBytes(), start + documents.valueLength(row));
                int step = 0;
                int p;
                if (!path.isEmpty() && path.get(0) instanceof byte[] first) {
                    p = json.rootMember(start, first);
                    step = 1;
                } else {
                    p = json.root(start);
                }
                for (; step < path.size() && p >= 0; step++) {
                    p = path.get(step) instanceof byte[] key ? json.member(p, key) : json.bytes[p] == '['
                            ? json.element(p, (Long) path.get(step) + 1) : -1;
                }
                switch (kind) {
                    case EXISTS -> exists[i] = p >= 0 ? 1 : 0;
                    case VALUE -> value(json, p, out);
                    case QUERY -> {
                        if (p < 0) {
                            out.appendDefault();
                        } else {
                            json.minify(p);
                            int length = json.scratchLength();
                            byte[] scratch = java.util.Arrays.copyOf(json.scratch(), length);
                            json.clearScratch();
                            json.put((byte) '[');
                            for (int b = 0; b < length; b++) {
                                json.put(scratch[b]);
                            }
                            json.put((byte) ']');
                            out.appendBytes(json.scratch(), 0, json.scratchLength());
                        }
                    }
                }
            }
            return exists != null ? new LongColumn(Types.UINT8, exists) : out.build();
        });
    }

    private static void value(JsonScanner json, int p, StringColumnBuilder out) {
        if (p < 0 || json.bytes[p] == '{' || json.bytes[p] == '[') {
            out.appendDefault();
        } else if (json.bytes[p] == '"') {
            if (json.decodeString(p)) {
                out.appendBytes(json.scratch(), 0, json.scratchLength());
            } else {
                out.appendDefault();
            }
        } else {
            json.minify(p);
            out.appendBytes(json.scratch(), 0, json.scratchLength());
        }
    }

    /** Steps of a path: byte[] keys and Long 0-based indexes. */
    static List<Object> parse(String path) {
        String text = path.strip();
        if (!text.startsWith("$")) {
            throw badPath(path);
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw badPath(path);
                }
                steps.add(JsonFunctions.utf8(text.substring(start, i)));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw badPath(path);
                }
                String inside = text.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')) {
                    steps.add(JsonFunctions.utf8(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        steps.add(Long.parseLong(inside));
                    } catch (NumberFormatException e) {
                        throw badPath(path);
                    }
                }
                i = close + 1;
            } else {
                throw badPath(path);
            }
        }
        return steps;
    }

    private static StarlingException badPath(String path) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "Cannot parse JSON path [" + path
                + "]; use the form $.key.nested[0] or $['key']");
    }
}
