package io.starling.sql.function.hash;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.util.List;

/**
 * ClickHouse's hash functions: the multi-argument family (cityHash64, sipHash64, xxHash64, murmurHash*,
 * halfMD5, farmFingerprint64), intHash32/64, javaHash, hiveHash, the digests MD5 and SHA* (FixedString results)
 * and the 128-bit sipHash128 and murmurHash3_128.
 */
public final class HashFunctions {
    private HashFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            registry.add(ScalarFunction.of(algorithm.functionName(), arguments -> anyHash(algorithm, arguments)));
        }
        registry.add(ScalarFunction.of("intHash64", arguments -> intHash("intHash64", arguments, false)));
        registry.add(ScalarFunction.of("intHash32", arguments -> intHash("intHash32", arguments, true)));
        registry.add(ScalarFunction.of("javaHash", HashFunctions::javaHash));
        registry.add(ScalarFunction.of("hiveHash", arguments -> stringHash("hiveHash", arguments, true)));
        registry.add(ScalarFunction.of("javaHashUTF16LE", HashFunctions::javaHashUtf16));
        digest(registry, "MD5", "MD5", 16);
        digest(registry, "SHA1", "SHA-1", 20);
        digest(registry, "SHA224", "SHA-224", 28);
        digest(registry, "SHA256", "SHA-256", 32);
        digest(registry, "SHA384", "SHA-384", 48);
        digest(registry, "SHA512", "SHA-512", 64);
        registry.add(ScalarFunction.of("sipHash128", arguments -> hash128("sipHash128", arguments, true)));
        registry.add(ScalarFunction.of("murmurHash3_128", arguments -> hash128("murmurHash3_128", arguments, false)));
    }

    private static ScalarKernel anyHash(HashAlgorithm algorithm, List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount(algorithm.functionName(), 0, "at least 1");
        }
        for (Argument argument : arguments) {
            ColumnHasher.check(algorithm.functionName(), argument.type());
        }
        DataType result = algorithm.bits32() ? IntegerType.UINT32 : IntegerType.UINT64;
        return ScalarKernel.of(result, (operands, rows) -> {
            ColumnHasher hasher = new ColumnHasher(algorithm);
            long[] out = new long[rows];
            for (int i = 0; i < operands.length; i++) {
                hasher.hash(operands[i].full(rows), rows, out, i == 0);
            }
            return new LongColumn(result, out);
        });
    }

    private static ScalarKernel intHash(String name, List<Argument> arguments, boolean bits32) {
        Errors.checkCount(name, arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (!Types.isInteger(type)) {
            throw Errors.illegalType(name, type);
        }
        DataType result = bits32 ? IntegerType.UINT32 : IntegerType.UINT64;
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                long value = operands[0].getLong(i);
                out[i] = bits32 ? Murmur.intHash32(value) : Murmur.intHash64(value);
            }
            return new LongColumn(result, out);
        });
    }

    /** javaHash: Java's String.hashCode over the bytes read as signed; for signed integers Java's boxed hashCode. */
    private static ScalarKernel javaHash(List<Argument> arguments) {
        Errors.checkCount("javaHash", arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (Types.isString(type)) {
            return stringHash("javaHash", arguments, false);
        }
        if (!(type instanceof IntegerType integer) || type instanceof BoolType) {
            throw Errors.illegalType("javaHash", type);
        }
        if (!integer.signed()) {
            throw Errors.illegalArgument("javaHash", 0, "a String or a signed integer (Java has no unsigned types)");
        }
        return ScalarKernel.of(IntegerType.INT32, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = Long.hashCode(operands[0].getLong(i));
            }
            return new LongColumn(IntegerType.INT32, out);
        });
    }

    private static ScalarKernel stringHash(String name, List<Argument> arguments, boolean hive) {
        Errors.checkCount(name, arguments, 1, 1);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalType(name, arguments.get(0).type());
        }
        return ScalarKernel.of(IntegerType.INT32, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            byte[] bytes = strings.rawBytes();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int start = strings.valueOffset(row);
                int end = start + strings.valueLength(row);
                int h = 0;
                for (int b = start; b < end; b++) {
                    h = 31 * h + bytes[b];
                }
                out[i] = hive ? h & 0x7FFFFFFF : h;
            }
            return new LongColumn(IntegerType.INT32, out);
        });
    }

    /** javaHashUTF16LE: Java's String.hashCode of a string already encoded as UTF-16LE bytes. */
    private static ScalarKernel javaHashUtf16(List<Argument> arguments) {
        Errors.checkCount("javaHashUTF16LE", arguments, 1, 1);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalType("javaHashUTF16LE", arguments.get(0).type());
        }
        return ScalarKernel.of(IntegerType.INT32, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            byte[] bytes = strings.rawBytes();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int start = strings.valueOffset(row);
                int length = strings.valueLength(row);
                if (length % 2 != 0) {
                    throw Errors.illegalArgument("javaHashUTF16LE", 0, "UTF-16LE bytes (an even number of bytes)");
                }
                int h = 0;
                for (int b = start; b < start + length; b += 2) {
                    h = 31 * h + ((bytes[b] & 0xFF) | (bytes[b + 1] & 0xFF) << 8);
                }
                out[i] = h;
            }
            return new LongColumn(IntegerType.INT32, out);
        });
    }

    private static void digest(FunctionRegistry registry, String name, String algorithm, int length) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            requireBytes(name, arguments.get(0).type());
            FixedStringType result = new FixedStringType(length);
            return ScalarKernel.of(result, (operands, rows) -> {
                StringColumn strings = operands[0].strings();
                StringColumnBuilder builder = new StringColumnBuilder(result, rows);
                for (int i = 0; i < rows; i++) {
                    int row = operands[0].row(i);
                    byte[] digest = HashAlgorithm.digest(algorithm, strings.rawBytes(), strings.valueOffset(row),
                            strings.valueLength(row));
                    builder.appendBytes(digest, 0, digest.length);
                }
                return builder.build();
            });
        }));
    }

    private static void requireBytes(String name, DataType type) {
        if (!Types.isString(type) && !(type.behavesAs() instanceof FixedStringType)) {
            throw Errors.illegalType(name, type);
        }
    }

    private static ScalarKernel hash128(String name, List<Argument> arguments, boolean sip) {
        Errors.checkCount(name, arguments, 1, 1);
        requireBytes(name, arguments.get(0).type());
        FixedStringType result = new FixedStringType(16);
        return ScalarKernel.of(result, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            StringColumnBuilder builder = new StringColumnBuilder(result, rows);
            byte[] out = new byte[16];
            long[] pair = new long[2];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                if (sip) {
                    SipHash.hash128(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row), out, 0);
                } else {
                    Murmur.hash3x128(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row), pair);
                    Bytes.put64(out, 0, pair[0]);
                    Bytes.put64(out, 8, pair[1]);
                }
                builder.appendBytes(out, 0, 16);
            }
            return builder.build();
        });
    }

    /** Convenience for tests and other modules: cityHash64 of one string. */
    public static long cityHash64(String text) {
        return HashAlgorithm.CITY_HASH_64.hashString(text);
    }
}
