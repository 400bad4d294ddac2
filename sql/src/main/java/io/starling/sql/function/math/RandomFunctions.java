package io.starling.sql.function.math;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.UuidType;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Functions whose value changes on every row or every call and are therefore never folded into constants:
 * rand()/rand32() (UInt32), rand64() (UInt64), randCanonical() (Float64 in [0, 1)), generateUUIDv4() and now64([p[, tz]]).
 * Like ClickHouse, the random functions accept and ignore any arguments (used to tell two calls apart).
 */
public final class RandomFunctions {
    private RandomFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(volatileFunction("rand", arguments -> ScalarKernel.of(IntegerType.UINT32, (operands, rows) -> {
            SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = random.nextInt() & 0xFFFFFFFFL;
            }
            return new LongColumn(IntegerType.UINT32, out);
        })));
        registry.alias("rand32", "rand", false);
        registry.add(volatileFunction("rand64", arguments -> ScalarKernel.of(IntegerType.UINT64, (operands, rows) -> {
            SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = random.nextLong();
            }
            return new LongColumn(IntegerType.UINT64, out);
        })));
        registry.add(volatileFunction("randCanonical", arguments -> ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
            SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = random.nextDouble();
            }
            return new DoubleColumn(Types.FLOAT64, out);
        })));
        registry.add(volatileFunction("generateUUIDv4", arguments -> ScalarKernel.of(UuidType.UUID, (operands, rows) -> {
            SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            StringColumnBuilder out = new StringColumnBuilder(UuidType.UUID, rows);
            byte[] bytes = new byte[16];
            for (int i = 0; i < rows; i++) {
                long high = (random.nextLong() & ~0xF000L) | 0x4000L;
                long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                for (int b = 0; b < 8; b++) {
                    bytes[b] = (byte) (high >>> (56 - 8 * b));
                    bytes[8 + b] = (byte) (low >>> (56 - 8 * b));
                }
                out.appendBytes(bytes, 0, 16);
            }
            return out.build();
        })));
        registry.add(volatileFunction("now64", RandomFunctions::now64));
    }

    private static ScalarKernel now64(List<Argument> arguments) {
        Errors.checkCount("now64", arguments, 0, 2);
        int precision = arguments.isEmpty() ? 3 : (int) arguments.get(0).constantLong("now64", 0);
        if (precision < 0 || precision > 9) {
            throw Errors.illegalArgument("now64", 0, "a precision from 0 to 9");
        }
        String zone = arguments.size() < 2 ? null : arguments.get(1).constantString("now64", 1);
        DateTime64Type type = new DateTime64Type(precision, zone);
        Instant now = Instant.now();
        long ticks = now.getEpochSecond() * type.ticksPerSecond() + now.getNano() / (1_000_000_000L / type.ticksPerSecond());
        return ScalarKernel.of(type, (operands, rows) -> {
            long[] out = new long[rows];
            java.util.Arrays.fill(out, ticks);
            return new LongColumn(type, out);
        });
    }

    private static ScalarFunction volatileFunction(String name, ScalarFunction.Resolver resolver) {
        return new ScalarFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScalarKernel resolve(List<Argument> arguments) {
                return resolver.resolve(arguments);
            }

            @Override
            public boolean defaultNulls() {
                return false;
            }

            @Override
            public boolean deterministic() {
                return false;
            }
        };
    }
}
