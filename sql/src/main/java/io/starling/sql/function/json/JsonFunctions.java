package io.starling.sql.function.json;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSONExtract* functions over String columns: JSONExtract(json, path..., 'Type'), JSONExtractString/Int/UInt/
 * Float/Bool/Raw, JSONHas, JSONLength, JSONType, JSONExtractKeys, JSONExtractArrayRaw. A path is keys (strings)
 * and 1-based indexes (negative from the end). Invalid JSON or a missing path gives the type's default.
 * The text is scanned in place ({@link JsonScanner}); no tree is built.
 */
public final class JsonFunctions {
    private static final DataType UINT8 = Types.UINT8;

    private JsonFunctions() {
    }

    /** What a function produces from the value a path leads to. */
    private enum Result { TYPED, RAW, HAS, LENGTH, TYPE, KEYS, ARRAY_RAW, KEYS_VALUES, KEYS_VALUES_RAW }

    public static void register(FunctionRegistry registry) {
        typed(registry, "JSONExtractString", Types.STRING, false);
        typed(registry, "JSONExtractInt", Types.INT64, false);
        typed(registry, "JSONExtractUInt", Types.UINT64, false);
        typed(registry, "JSONExtractFloat", Types.FLOAT64, false);
        typed(registry, "JSONExtractBool", UINT8, true);
        registry.add(ScalarFunction.of("JSONExtract", JsonFunctions::extract));
        other(registry, "JSONExtractRaw", Result.RAW, Types.STRING);
        other(registry, "JSONHas", Result.HAS, UINT8);
        other(registry, "JSONLength", Result.LENGTH, Types.UINT64);
        other(registry, "JSONType", Result.TYPE, Types.STRING);
        other(registry, "JSONExtractKeys", Result.KEYS, new ArrayType(Types.STRING));
        other(registry, "JSONExtractArrayRaw", Result.ARRAY_RAW, new ArrayType(Types.STRING));
        other(registry, "JSONExtractKeysAndValuesRaw", Result.KEYS_VALUES_RAW,
                new ArrayType(new io.starling.storage.type.TupleType(List.of(Types.STRING, Types.STRING))));
        registry.add(ScalarFunction.of("JSONExtractKeysAndValues", arguments -> {
            if (arguments.size() < 2) {
                throw Errors.argumentCount("JSONExtractKeysAndValues", arguments.size(), "at least 2 (json, [path...,] 'Type')");
            }
            DataType value = DataTypes.parse(arguments.get(arguments.size() - 1)
                    .constantString("JSONExtractKeysAndValues", arguments.size() - 1));
            JsonValueWriter.check(value);
            DataType type = new ArrayType(new io.starling.storage.type.TupleType(List.of(Types.STRING, value)));
            return kernel("JSONExtractKeysAndValues", arguments, arguments.size() - 1, Result.KEYS_VALUES, type, false);
        }));
        SimpleJsonFunctions.register(registry);
        JsonPathFunctions.register(registry);
    }

    private static void typed(FunctionRegistry registry, String name, DataType type, boolean boolOnly) {
        registry.add(ScalarFunction.of(name, arguments -> kernel(name, arguments, arguments.size(), Result.TYPED, type, boolOnly)));
    }

    private static void other(FunctionRegistry registry, String name, Result result, DataType type) {
        registry.add(ScalarFunction.of(name, arguments -> kernel(name, arguments, arguments.size(), result, type, false)));
    }

    private static ScalarKernel extract(List<Argument> arguments) {
        if (arguments.size() < 2) {
            throw Errors.argumentCount("JSONExtract", arguments.size(), "at least 2 (json, [path...,] 'Type')");
        }
        String typeName = arguments.get(arguments.size() - 1).constantString("JSONExtract", arguments.size() - 1);
        DataType type = DataTypes.parse(typeName);
        JsonValueWriter.check(type);
        return kernel("JSONExtract", arguments, arguments.size() - 1, Result.TYPED, type, false);
    }

    private static ScalarKernel kernel(String name, List<Argument> arguments, int pathEnd, Result result, DataType type,
                                       boolean boolOnly) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount(name, 0, "at least 1");
        }
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalArgument(name, 0, "a String holding JSON, not " + arguments.get(0).type().name());
        }
        for (int i = 1; i < pathEnd; i++) {
            DataType pathType = arguments.get(i).type();
            if (!Types.isString(pathType) && !Types.isInteger(pathType)) {
                throw Errors.illegalArgument(name, i, "a key (String) or a 1-based index (integer)");
            }
        }
        return ScalarKernel.of(type, (operands, rows) -> apply(operands, pathEnd, rows, result, type, boolOnly));
    }

    private static io.starling.storage.column.Column apply(Operand[] operands, int pathEnd, int rows, Result result,
                                                           DataType type, boolean boolOnly) {
        JsonScanner json = new JsonScanner();
        JsonValueWriter writer = new JsonValueWriter(json);
        byte[][] constantKeys = new byte[pathEnd][];
        for (int a = 1; a < pathEnd; a++) {
            if (operands[a].constant() && operands[a].column() instanceof StringColumn keys) {
                constantKeys[a] = keys.getBytes(0);
            }
        }
        StringColumn documents = operands[0].strings();
        ColumnBuilder builder = ColumnBuilder.forType(type, rows);
        long[] numbers = result == Result.HAS || result == Result.LENGTH ? new long[rows] : null;
        for (int i = 0; i < rows; i++) {
            int row = operands[0].row(i);
            int start = documents.valueOffset(row);
            json.reset(documents.rawBytes(), start + documents.valueLength(row));
            int p;
            int a = 1;
            if (pathEnd > 1 && operands[1].column() instanceof StringColumn keys) {
                // validating the document and finding the first key is one pass over it
                byte[] key = constantKeys[1] != null ? constantKeys[1] : keys.getBytes(operands[1].row(i));
                p = json.rootMember(start, key);
                a = 2;
            } else {
                p = json.root(start);
            }
            for (; a < pathEnd && p >= 0; a++) {
                if (operands[a].column() instanceof StringColumn keys) {
                    byte[] key = constantKeys[a] != null ? constantKeys[a] : keys.getBytes(operands[a].row(i));
                    p = json.member(p, key);
                } else {
                    p = json.element(p, operands[a].getLong(i));
                }
            }
            switch (result) {
                case TYPED -> writer.write(builder, type, p, boolOnly);
                case HAS -> numbers[i] = p >= 0 ? 1 : 0;
                case LENGTH -> numbers[i] = json.length(p);
                case RAW -> {
                    if (p < 0) {
                        builder.appendDefault();
                    } else {
                        json.minify(p);
                        builder.appendBytes(json.scratch(), 0, json.scratchLength());
                    }
                }
                case TYPE -> builder.appendString(p < 0 ? "Null" : typeName(json, p));
                case KEYS, ARRAY_RAW -> children(json, p, (ArrayColumnBuilder) builder, result == Result.KEYS);
                case KEYS_VALUES, KEYS_VALUES_RAW -> writer.writeKeysAndValues((ArrayColumnBuilder) builder,
                        ((io.starling.storage.type.TupleType) ((ArrayType) type).element()).elements().get(1), p,
                        result == Result.KEYS_VALUES_RAW);
            }
        }
        return numbers != null ? new LongColumn(type, numbers) : builder.build();
    }

    private static void children(JsonScanner json, int p, ArrayColumnBuilder builder, boolean keys) {
        if (p >= 0 && json.bytes[p] == (keys ? '{' : '[')) {
            for (int child : json.children(p, keys)) {
                if (keys) {
                    json.decodeString(child);
                } else {
                    json.minify(child);
                }
                builder.elements().appendBytes(json.scratch(), 0, json.scratchLength());
            }
        }
        builder.closeArray();
    }

    private static String typeName(JsonScanner json, int p) {
        return switch (json.bytes[p]) {
            case '{' -> "Object";
            case '[' -> "Array";
            case '"' -> "String";
            case 't', 'f' -> "Bool";
            case 'n' -> "Null";
            case '-' -> json.isIntegerText(p) ? "Int64" : "Double";
            default -> json.isIntegerText(p) ? "UInt64" : "Double";
        };
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
