package io.starling.sql.function.math;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * abs, round, roundBankers, floor, ceil, trunc, greatest, least, pow, sqrt, exp, log, log2, log10, sign. abs and
 * the rounding functions keep a Decimal argument's type and compute exactly ({@link DecimalRounding}).
 */
public final class MathFunctions {
    private MathFunctions() {
    }

    /** How round/floor/ceil move a value onto the grid. */
    private enum Rounding { ROUND, BANKERS, FLOOR, CEIL, TRUNC }

    public static void register(FunctionRegistry registry) {
        registry.addCaseInsensitive(ScalarFunction.of("abs", MathFunctions::abs));
        registry.addCaseInsensitive(ScalarFunction.of("round", arguments -> rounding("round", Rounding.ROUND, arguments)));
        registry.addCaseInsensitive(ScalarFunction.of("roundBankers",
                arguments -> rounding("roundBankers", Rounding.BANKERS, arguments)));
        registry.addCaseInsensitive(ScalarFunction.of("floor", arguments -> rounding("floor", Rounding.FLOOR, arguments)));
        registry.addCaseInsensitive(ScalarFunction.of("ceil", arguments -> rounding("ceil", Rounding.CEIL, arguments)));
        registry.alias("ceiling", "ceil", true);
        registry.addCaseInsensitive(ScalarFunction.of("trunc", arguments -> rounding("trunc", Rounding.TRUNC, arguments)));
        registry.alias("truncate", "trunc", true);
        registry.addCaseInsensitive(ScalarFunction.of("greatest", arguments -> extreme("greatest", arguments, true)));
        registry.addCaseInsensitive(ScalarFunction.of("least", arguments -> extreme("least", arguments, false)));
        registry.addCaseInsensitive(ScalarFunction.of("pow", MathFunctions::pow));
        registry.alias("power", "pow", true);
        unary(registry, "sqrt", Math::sqrt);
        unary(registry, "exp", Math::exp);
        unary(registry, "log", Math::log);
        registry.alias("ln", "log", true);
        unary(registry, "log2", value -> Math.log(value) / Math.log(2));
        unary(registry, "log10", Math::log10);
        registry.addCaseInsensitive(ScalarFunction.of("sign", MathFunctions::sign));
    }

    private static void unary(FunctionRegistry registry, String name, DoubleUnaryOperator function) {
        registry.addCaseInsensitive(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            requireNumber(name, arguments);
            return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
                double[] values = operands[0].doubles(rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = function.applyAsDouble(values[i]);
                }
                return new DoubleColumn(Types.FLOAT64, values);
            });
        }));
    }

    private static void requireNumber(String name, List<Argument> arguments) {
        for (Argument argument : arguments) {
            if (!Types.isNumber(argument.type())) {
                throw Errors.illegalType(name, arguments);
            }
        }
    }

    private static ScalarKernel abs(List<Argument> arguments) {
        Errors.checkCount("abs", arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (type instanceof DecimalType decimal) {
            return DecimalRounding.abs(decimal);
        }
        requireNumber("abs", arguments);
        if (Types.isFloat(type)) {
            return ScalarKernel.of(type, (operands, rows) -> {
                double[] values = operands[0].doubles(rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = Math.abs(values[i]);
                }
                return new DoubleColumn(type, values);
            });
        }
        DataType result = Types.integer(Types.bits(type), false);
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            boolean signed = Types.isSigned(type);
            for (int i = 0; i < rows; i++) {
                values[i] = signed && values[i] < 0 ? -values[i] : values[i];
            }
            return new LongColumn(result, values);
        });
    }

    private static ScalarKernel sign(List<Argument> arguments) {
        Errors.checkCount("sign", arguments, 1, 1);
        requireNumber("sign", arguments);
        return ScalarKernel.of(io.starling.storage.type.IntegerType.INT8, (operands, rows) -> {
            double[] values = operands[0].doubles(rows);
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (long) Math.signum(values[i]);
            }
            return new LongColumn(io.starling.storage.type.IntegerType.INT8, out);
        });
    }

    private static ScalarKernel rounding(String name, Rounding mode, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 1, 2);
        DataType type = arguments.get(0).type();
        if (type instanceof DecimalType decimal) {
            if (arguments.size() == 2 && !Types.isInteger(arguments.get(1).type())) {
                throw Errors.illegalType(name, arguments);
            }
            int digits = arguments.size() == 2 ? (int) arguments.get(1).constantLong(name, 1) : 0;
            return DecimalRounding.rounding(name, DecimalRounding.Mode.valueOf(mode.name()), decimal, digits);
        }
        requireNumber(name, arguments);
        int digits = arguments.size() == 2 ? (int) arguments.get(1).constantLong(name, 1) : 0;
        if (Types.isFloat(type)) {
            double scale = Math.pow(10, digits);
            return ScalarKernel.of(type, (operands, rows) -> {
                double[] values = operands[0].doubles(rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = roundDouble(values[i], scale, digits, mode);
                }
                return new DoubleColumn(type, values);
            });
        }
        long step = 1;
        for (int i = 0; i < -digits; i++) {
            step *= 10;
        }
        long grid = step;
        return ScalarKernel.of(type, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            if (grid > 1) {
                for (int i = 0; i < rows; i++) {
                    values[i] = roundLong(values[i], grid, mode);
                }
            }
            return new LongColumn(type, values);
        });
    }

    private static double roundDouble(double value, double scale, int digits, Rounding mode) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scaled = digits >= 0 ? value * scale : value / Math.pow(10, -digits);
        double rounded = switch (mode) {
            case ROUND, BANKERS -> Math.rint(scaled);
            case FLOOR -> Math.floor(scaled);
            case CEIL -> Math.ceil(scaled);
            case TRUNC -> scaled < 0 ? Math.ceil(scaled) : Math.floor(scaled);
        };
        double result = digits >= 0 ? rounded / scale : rounded * Math.pow(10, -digits);
        return result == 0 ? 0 * Math.signum(value) + 0.0 : result;
    }

    private static long roundLong(long value, long grid, Rounding mode) {
        long floor = Math.floorDiv(value, grid) * grid;
        return switch (mode) {
            case FLOOR -> floor;
            case CEIL -> floor == value ? value : floor + grid;
            case TRUNC -> value < 0 && floor != value ? floor + grid : floor;
            case ROUND, BANKERS -> {
                // ties: round moves away from zero (as ClickHouse does for integers), roundBankers to the even one
                long remainder = value - floor;
                boolean up = remainder * 2 > grid || remainder * 2 == grid
                        && (mode == Rounding.ROUND ? value > 0 : (floor / grid & 1) != 0);
                yield up ? floor + grid : floor;
            }
        };
    }

    private static ScalarKernel pow(List<Argument> arguments) {
        Errors.checkCount("pow", arguments, 2, 2);
        requireNumber("pow", arguments);
        return ScalarKernel.of(Types.FLOAT64, (operands, rows) -> {
            double[] base = operands[0].doubles(rows);
            double[] exponent = operands[1].doubles(rows);
            for (int i = 0; i < rows; i++) {
                base[i] = Math.pow(base[i], exponent[i]);
            }
            return new DoubleColumn(Types.FLOAT64, base);
        });
    }

    private static ScalarKernel extreme(String name, List<Argument> arguments, boolean greatest) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount(name, 0, "at least 1");
        }
        DataType result = arguments.get(0).type();
        for (Argument argument : arguments) {
            result = Types.superType(result, argument.type());
        }
        DataType type = result;
        return ScalarKernel.of(type, (operands, rows) -> {
            Column best = Cast.cast(operands[0].full(rows), type);
            for (int a = 1; a < operands.length; a++) {
                Column next = Cast.cast(operands[a].full(rows), type);
                best = pick(best, next, greatest);
            }
            return best;
        });
    }

    private static Column pick(Column best, Column next, boolean greatest) {
        int rows = best.size();
        int[] positions = new int[rows];
        boolean[] fromNext = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            int comparison = switch (best) {
                case LongColumn longs -> Types.isUnsigned64(longs.type())
                        ? Long.compareUnsigned(((LongColumn) next).getLong(i), longs.getLong(i))
                        : Long.compare(((LongColumn) next).getLong(i), longs.getLong(i));
                case DoubleColumn doubles -> Double.compare(((DoubleColumn) next).getDouble(i), doubles.getDouble(i));
                case StringColumn strings -> StringColumn.compare((StringColumn) next, i, strings, i);
                default -> 0;
            };
            fromNext[i] = greatest ? comparison > 0 : comparison < 0;
            positions[i] = i;
        }
        io.starling.storage.column.ColumnBuilder builder = io.starling.storage.column.ColumnBuilder.forType(best.type(), rows);
        for (int i = 0; i < rows; i++) {
            builder.appendFrom(fromNext[i] ? next : best, i);
        }
        return builder.build();
    }

}
