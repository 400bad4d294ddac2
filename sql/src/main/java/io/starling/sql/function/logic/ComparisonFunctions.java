package io.starling.sql.function.logic;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.UuidType;
import java.util.List;

/**
 * equals, notEquals, less, lessOrEquals, greater, greaterOrEquals. Numbers compare by value across types
 * (UInt64 against signed included); strings compare bytewise; a String compared with a Date or DateTime is
 * read as that type; Date against DateTime compares as DateTime. Results are UInt8 0/1.
 */
public final class ComparisonFunctions {
    private ComparisonFunctions() {
    }

    /** The comparison operators. */
    public enum Op { EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUALS, GREATER, GREATER_OR_EQUALS }

    /** How two values are compared. */
    private enum Mode { SIGNED, UNSIGNED, MIXED, DOUBLE, BYTES, WIDE }

    public static void register(FunctionRegistry registry) {
        register(registry, "equals", Op.EQUALS);
        register(registry, "notEquals", Op.NOT_EQUALS);
        register(registry, "less", Op.LESS);
        register(registry, "lessOrEquals", Op.LESS_OR_EQUALS);
        register(registry, "greater", Op.GREATER);
        register(registry, "greaterOrEquals", Op.GREATER_OR_EQUALS);
    }

    private static void register(FunctionRegistry registry, String name, Op op) {
        registry.add(ScalarFunction.of(name, arguments -> resolve(name, op, arguments)));
    }

    public static ScalarKernel resolve(String name, Op op, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 2, 2);
        DataType left = arguments.get(0).type();
        DataType right = arguments.get(1).type();
        if (CompositeComparison.applies(left, right)) {
            return CompositeComparison.resolve(name, op, arguments);
        }
        DataType common = commonType(left, right);
        if (common == null) {
            throw Errors.illegalType(name, arguments);
        }
        Mode mode = mode(common, left, right);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            Column a = convert(operands[0].column(), common, mode);
            Column b = convert(operands[1].column(), common, mode);
            long[] out = new long[rows];
            compare(new Operand(a, operands[0].constant()), new Operand(b, operands[1].constant()), mode, op, out, rows);
            return new LongColumn(Types.UINT8, out);
        });
    }

    /** The type both sides are converted to before comparing, or null when they cannot be compared. */
    static DataType commonType(DataType left, DataType right) {
        if (Types.isNumber(left) && Types.isNumber(right)) {
            return Types.isFloat(left) || Types.isFloat(right) ? Types.FLOAT64 : left;
        }
        if (Types.isString(left) && Types.isString(right)) {
            return left;
        }
        if (Types.isDateOrTime(left) && Types.isString(right)) {
            return left;
        }
        if (Types.isString(left) && Types.isDateOrTime(right)) {
            return right;
        }
        if (Types.isDateOrTime(left) && Types.isDateOrTime(right)) {
            if (left instanceof DateTime64Type) {
                return left;
            }
            if (right instanceof DateTime64Type) {
                return right;
            }
            return left instanceof DateTimeType ? left : right instanceof DateTimeType ? right : DateType.DATE;
        }
        if (Types.isDateOrTime(left) && Types.isInteger(right)) {
            return left;
        }
        if (Types.isInteger(left) && Types.isDateOrTime(right)) {
            return right;
        }
        DataType extended = extendedCommonType(left, right);
        if (extended != null) {
            return extended;
        }
        if (left.equals(right)) {
            return left;
        }
        return null;
    }

    /** Decimal, UUID, IPv4/IPv6, Enum, Date32 and FixedString against a string literal, or decimals with numbers. */
    private static DataType extendedCommonType(DataType left, DataType right) {
        if (left instanceof NothingType || right instanceof NothingType) {
            return left instanceof NothingType ? right : left;
        }
        if (isExtendedScalar(left) && Types.isString(right)) {
            return left;
        }
        if (Types.isString(left) && isExtendedScalar(right)) {
            return right;
        }
        DecimalType wide = wideDecimalCommonType(left, right);
        if (wide != null) {
            return wide;
        }
        if (left instanceof DecimalType a && right instanceof DecimalType b) {
            return a.scale() == b.scale() ? (a.precision() >= b.precision() ? a : b) : Types.FLOAT64;
        }
        if ((left instanceof DecimalType && Types.isNumber(right)) || (Types.isNumber(left) && right instanceof DecimalType)) {
            return Types.FLOAT64;
        }
        if (left instanceof Date32Type && (right instanceof DateType || Types.isInteger(right))
                || right instanceof Date32Type && (left instanceof DateType || Types.isInteger(left))) {
            return Date32Type.DATE32;
        }
        return null;
    }

    /**
     * Decimal128 against a Decimal or an integer compares exactly as Decimal(38, larger scale), Decimal256 as
     * Decimal(76, larger scale) (its 32-byte encodings then compare bytewise); null when neither side is a
     * Decimal128 or Decimal256 or the other side is not exact.
     */
    private static DecimalType wideDecimalCommonType(DataType left, DataType right) {
        boolean leftWide = left instanceof DecimalType decimal && (decimal.isWide() || decimal.is256());
        boolean rightWide = right instanceof DecimalType decimal && (decimal.isWide() || decimal.is256());
        if (!leftWide && !rightWide) {
            return null;
        }
        boolean leftExact = left instanceof DecimalType || Types.isInteger(left);
        boolean rightExact = right instanceof DecimalType || Types.isInteger(right);
        if (!leftExact || !rightExact) {
            return null;
        }
        int scale = Math.max(left instanceof DecimalType a ? a.scale() : 0, right instanceof DecimalType b ? b.scale() : 0);
        boolean huge = left instanceof DecimalType a && a.is256() || right instanceof DecimalType b && b.is256();
        if (left instanceof DecimalType a && a.storagePrecision() == (huge ? 76 : 38) && a.scale() == scale) {
            return a;
        }
        if (right instanceof DecimalType b && b.storagePrecision() == (huge ? 76 : 38) && b.scale() == scale) {
            return b;
        }
        return huge ? DecimalType.decimal256(scale) : DecimalType.decimal128(scale);
    }

    private static boolean isExtendedScalar(DataType type) {
        return type instanceof DecimalType || type instanceof UuidType || type instanceof Ipv4Type
                || type instanceof Ipv6Type || type instanceof EnumType || type instanceof Date32Type
                || type instanceof FixedStringType;
    }

    private static Mode mode(DataType common, DataType left, DataType right) {
        if (Types.isFloat(common)) {
            return Mode.DOUBLE;
        }
        if (common.physical() == PhysicalKind.INT128) {
            return Mode.WIDE;
        }
        if (Types.isString(common) || common.physical() == PhysicalKind.BYTES) {
            return Mode.BYTES;
        }
        if (Types.isInteger(left) && Types.isInteger(right)) {
            boolean leftBig = Types.isUnsigned64(left);
            boolean rightBig = Types.isUnsigned64(right);
            if (leftBig || rightBig) {
                return (leftBig || !Types.isSigned(left)) && (rightBig || !Types.isSigned(right)) ? Mode.UNSIGNED : Mode.MIXED;
            }
        }
        return Mode.SIGNED;
    }

    private static Column convert(Column column, DataType common, Mode mode) {
        if (mode == Mode.DOUBLE) {
            return column instanceof DoubleColumn ? column : Cast.cast(column, Types.FLOAT64);
        }
        if (isExtendedScalar(common) && !column.type().equals(common)) {
            return Cast.cast(column, common);
        }
        if (mode == Mode.BYTES || !Types.isDateOrTime(common) || column.type().equals(common)) {
            return column;
        }
        return Types.isInteger(column.type()) ? column : Cast.cast(column, common);
    }

    private static void compare(Operand left, Operand right, Mode mode, Op op, long[] out, int rows) {
        switch (mode) {
            case SIGNED -> compareSigned(left, right, op, out, rows);
            case DOUBLE -> compareDoubles(left, right, op, out, rows);
            default -> {
                for (int i = 0; i < rows; i++) {
                    out[i] = test(op, compareRow(left, right, mode, i)) ? 1 : 0;
                }
            }
        }
    }

    private static void compareSigned(Operand left, Operand right, Op op, long[] out, int rows) {
        long[] a = left.longs(rows);
        if (right.constant()) {
            long b = right.getLong(0);
            switch (op) {
                case EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] == b ? 1 : 0; } }
                case NOT_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] != b ? 1 : 0; } }
                case LESS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] < b ? 1 : 0; } }
                case LESS_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] <= b ? 1 : 0; } }
                case GREATER -> { for (int i = 0; i < rows; i++) { out[i] = a[i] > b ? 1 : 0; } }
                case GREATER_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] >= b ? 1 : 0; } }
            }
            return;
        }
        long[] b = right.longs(rows);
        switch (op) {
            case EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] == b[i] ? 1 : 0; } }
            case NOT_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] != b[i] ? 1 : 0; } }
            case LESS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] < b[i] ? 1 : 0; } }
            case LESS_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] <= b[i] ? 1 : 0; } }
            case GREATER -> { for (int i = 0; i < rows; i++) { out[i] = a[i] > b[i] ? 1 : 0; } }
            case GREATER_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] >= b[i] ? 1 : 0; } }
        }
    }

    private static void compareDoubles(Operand left, Operand right, Op op, long[] out, int rows) {
        double[] a = left.doubles(rows);
        double[] b = right.doubles(rows);
        switch (op) {
            case EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] == b[i] ? 1 : 0; } }
            case NOT_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] != b[i] ? 1 : 0; } }
            case LESS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] < b[i] ? 1 : 0; } }
            case LESS_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] <= b[i] ? 1 : 0; } }
            case GREATER -> { for (int i = 0; i < rows; i++) { out[i] = a[i] > b[i] ? 1 : 0; } }
            case GREATER_OR_EQUALS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] >= b[i] ? 1 : 0; } }
        }
    }

    private static int compareRow(Operand left, Operand right, Mode mode, int row) {
        return switch (mode) {
            case UNSIGNED -> Long.compareUnsigned(left.getLong(row), right.getLong(row));
            case MIXED -> compareMixed(left, right, row);
            case BYTES -> StringColumn.compare(left.strings(), left.row(row), right.strings(), right.row(row));
            case WIDE -> Int128Column.compare((Int128Column) left.column(), left.row(row),
                    (Int128Column) right.column(), right.row(row));
            default -> throw new IllegalStateException(mode.name());
        };
    }

    private static int compareMixed(Operand left, Operand right, int row) {
        long a = left.getLong(row);
        long b = right.getLong(row);
        boolean leftUnsigned = Types.isUnsigned64(left.type());
        if (leftUnsigned && a < 0) {
            return 1;
        }
        if (!leftUnsigned && Types.isUnsigned64(right.type()) && b < 0) {
            return -1;
        }
        return Long.compare(a, b);
    }

    public static boolean test(Op op, int comparison) {
        return switch (op) {
            case EQUALS -> comparison == 0;
            case NOT_EQUALS -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUALS -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUALS -> comparison >= 0;
        };
    }
}
