package io.starling.sql.function.math;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Trigonometry and other Float64 functions (sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, cbrt,
 * exp2, exp10, hypot, degrees, radians, e, pi), isNaN/isFinite/isInfinite/ifNotFinite, gcd, lcm, intExp2,
 * intExp10, roundToExp2, factorial, and sleep/sleepEachRow.
 */
public final class MathExtras {
    /** ClickHouse refuses to sleep longer than this per block. */
    private static final double MAX_SLEEP_SECONDS = 3;

    private MathExtras() {
    }

    public static void register(FunctionRegistry registry) {
        unary(registry, "sin", Math::sin);
        unary(registry, "cos", Math::cos);
        unary(registry, "tan", Math::tan);
        unary(registry, "asin", Math::asin);
        unary(registry, "acos", Math::acos);
        unary(registry, "atan", Math::atan);
        unary(registry, "sinh", Math::sinh);
        unary(registry, "cosh", Math::cosh);
        unary(registry, "tanh", Math::tanh);
        unary(registry, "cbrt", Math::cbrt);
        unary(registry, "exp2", x -> Math.pow(2, x));
        unary(registry, "exp10", x -> Math.pow(10, x));
        unary(registry, "degrees", Math::toDegrees);
        unary(registry, "radians", Math::toRadians);
        binary(registry, "atan2", Math::atan2);
        binary(registry, "hypot", Math::hypot);
        constant(registry, "e", Math.E);
        constant(registry, "pi", Math.PI);
        predicate(registry, "isNaN", x -> Double.isNaN(x));
        predicate(registry, "isFinite", x -> Double.isFinite(x));
        predicate(registry, "isInfinite", x -> Double.isInfinite(x));
        registry.add(ScalarFunction.of("ifNotFinite", arguments -> {
            Errors.checkCount("ifNotFinite", arguments, 2, 2);
            DataType type = Types.superType(arguments.get(0).type(), arguments.get(1).type());
            return RowKernel.of(type, values -> values[0] instanceof Double d && !Double.isFinite(d) ? values[1] : values[0]);
        }));
        registry.add(ScalarFunction.of("gcd", arguments -> integerPair("gcd", arguments, false)));
        registry.add(ScalarFunction.of("lcm", arguments -> integerPair("lcm", arguments, true)));
        registry.add(ScalarFunction.of("intExp2", arguments -> intExp("intExp2", arguments, 2)));
        registry.add(ScalarFunction.of("intExp10", arguments -> intExp("intExp10", arguments, 10)));
        registry.add(ScalarFunction.of("roundToExp2", arguments -> {
            Errors.checkCount("roundToExp2", arguments, 1, 1);
            DataType type = arguments.get(0).type();
            if (!Types.isNumber(type)) {
                throw Errors.illegalType("roundToExp2", type);
            }
            return RowKernel.of(type, values -> {
                if (values[0] instanceof Double d) {
                    return d < 1 ? 0.0 : Math.pow(2, Math.floor(Math.log(d) / Math.log(2) + 1e-12));
                }
                long v = ((Number) values[0]).longValue();
                return v < 1 ? 0L : Long.highestOneBit(v);
            });
        }));
        registry.add(ScalarFunction.of("factorial", arguments -> {
            Errors.checkCount("factorial", arguments, 1, 1);
            if (!Types.isInteger(arguments.get(0).type())) {
                throw Errors.illegalType("factorial", arguments.get(0).type());
            }
            return RowKernel.of(Types.UINT64, values -> {
                long n = ((Number) values[0]).longValue();
                if (n > 20) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [factorial] accepts at most 20, got " + n);
                }
                long out = 1;
                for (long i = 2; i <= n; i++) {
                    out *= i;
                }
                return out;
            });
        }));
        registry.add(sleep("sleep", false));
        registry.add(sleep("sleepEachRow", true));
    }

    private static void unary(FunctionRegistry registry, String name, DoubleUnaryOperator function) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            requireNumber(name, arguments, 0);
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] in = operands[0].doubles(rows);
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = function.applyAsDouble(in[i]);
                }
                return new DoubleColumn(Types.FLOAT64, out);
            });
        }));
    }

    private static void binary(FunctionRegistry registry, String name, DoubleBinaryOperator function) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 2, 2);
            requireNumber(name, arguments, 0);
            requireNumber(name, arguments, 1);
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] a = operands[0].doubles(rows);
                double[] b = operands[1].doubles(rows);
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = function.applyAsDouble(a[i], b[i]);
                }
                return new DoubleColumn(Types.FLOAT64, out);
            });
        }));
    }

    private static void constant(FunctionRegistry registry, String name, double value) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 0, 0);
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] out = new double[rows];
                java.util.Arrays.fill(out, value);
                return new DoubleColumn(Types.FLOAT64, out);
            });
        }));
    }

    private static void predicate(FunctionRegistry registry, String name, java.util.function.DoublePredicate test) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            requireNumber(name, arguments, 0);
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                double[] in = operands[0].doubles(rows);
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = test.test(in[i]) ? 1 : 0;
                }
                return new LongColumn(Types.UINT8, out);
            });
        }));
    }

    private static void requireNumber(String name, List<Argument> arguments, int index) {
        if (!Types.isNumber(arguments.get(index).type())) {
            throw Errors.illegalArgument(name, index, "a number, not " + arguments.get(index).type().name());
        }
    }

    private static ScalarKernel integerPair(String name, List<Argument> arguments, boolean lcm) {
        Errors.checkCount(name, arguments, 2, 2);
        DataType a = arguments.get(0).type();
        DataType b = arguments.get(1).type();
        if (!Types.isInteger(a) || !Types.isInteger(b)) {
            throw Errors.illegalType(name, arguments);
        }
        DataType type = Types.superType(a, b);
        return RowKernel.of(type, values -> {
            long x = Math.abs(((Number) values[0]).longValue());
            long y = Math.abs(((Number) values[1]).longValue());
            if ((x == 0 || y == 0) && !lcm) {
                throw new StarlingException(ErrorCode.ILLEGAL_DIVISION, "Division by zero in function [" + name + "]");
            }
            long g = java.math.BigInteger.valueOf(x).gcd(java.math.BigInteger.valueOf(y)).longValue();
            return Types.wrap(lcm ? (g == 0 ? 0 : x / g * y) : g, type);
        });
    }

    private static ScalarKernel intExp(String name, List<Argument> arguments, int base) {
        Errors.checkCount(name, arguments, 1, 1);
        requireNumber(name, arguments, 0);
        return RowKernel.of(Types.UINT64, values -> {
            double x = ((Number) values[0]).doubleValue();
            if (x < 0) {
                return 0L;
            }
            if (base == 2) {
                return x >= 64 ? Long.MAX_VALUE : 1L << (long) x;
            }
            long out = 1;
            for (long i = 0; i < (long) x && i < 19; i++) {
                out *= 10;
            }
            return x >= 19 ? Long.MAX_VALUE : out;
        });
    }

    /**
     * sleep(s) pauses once per block, sleepEachRow(s) once per row (s seconds each), at most 3 seconds per block as
     * ClickHouse allows; both return 0 (UInt8). Not folded into a constant, so they run when the query runs.
     */
    private static ScalarFunction sleep(String name, boolean eachRow) {
        ScalarFunction.Resolver resolver = arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            if (!arguments.get(0).constant() || !Types.isNumber(arguments.get(0).type())) {
                throw Errors.illegalArgument(name, 0, "a constant number of seconds");
            }
            double seconds = ((Number) arguments.get(0).value()).doubleValue();
            if (seconds < 0 || Double.isNaN(seconds)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [" + name + "] needs a non-negative number"
                        + " of seconds, got " + seconds);
            }
            if (seconds > MAX_SLEEP_SECONDS) {
                throw new StarlingException(ErrorCode.TOO_SLOW, "The maximum sleep time is " + (long) MAX_SLEEP_SECONDS
                        + " seconds; [" + name + "] was asked for " + seconds);
            }
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                double total = eachRow ? seconds * rows : seconds;
                if (total > MAX_SLEEP_SECONDS) {
                    throw new StarlingException(ErrorCode.TOO_SLOW, "The maximum sleep time is " + (long) MAX_SLEEP_SECONDS
                            + " seconds per block; [" + name + "(" + seconds + ")] over " + rows + " rows would sleep "
                            + total + " seconds");
                }
                pause(total);
                return new LongColumn(Types.UINT8, new long[rows]);
            });
        };
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
            public boolean deterministic() {
                return false;
            }
        };
    }

    private static void pause(double seconds) {
        if (seconds <= 0) {
            return;
        }
        try {
            Thread.sleep((long) (seconds * 1000), (int) ((seconds * 1e9) % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "The query was cancelled while sleeping in [sleep]");
        }
    }

}
