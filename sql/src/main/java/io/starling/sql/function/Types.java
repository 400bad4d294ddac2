package io.starling.sql.function;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.StringType;

/** Type predicates and ClickHouse's promotion rules. */
public final class Types {
    public static final DataType UINT8 = IntegerType.UINT8;
    public static final DataType UINT64 = IntegerType.UINT64;
    public static final DataType INT64 = IntegerType.INT64;
    public static final DataType FLOAT64 = FloatType.FLOAT64;
    public static final DataType STRING = StringType.STRING;

    /**
     * The type of the NULL literal (ClickHouse's Nullable(Nothing)); held as a NULL UInt8. Recognised by
     * identity, so an ordinary Nullable(UInt8) column never counts as it.
     */
    public static final DataType NOTHING = new NullableType(new IntegerType(8, false));

    private Types() {
    }

    public static boolean isNothing(DataType type) {
        return type == NOTHING;
    }

    /** Removes LowCardinality (at the top level or under Nullable): LowCardinality(T) behaves like T. */
    public static DataType stripLowCardinality(DataType type) {
        if (type instanceof LowCardinalityType lowCardinality) {
            return lowCardinality.inner();
        }
        if (type instanceof NullableType nullable && nullable.inner() instanceof LowCardinalityType lowCardinality) {
            return new NullableType(lowCardinality.inner());
        }
        return type;
    }

    /** Strips LowCardinality and Nullable. */
    public static DataType base(DataType type) {
        return stripLowCardinality(type).unwrapNullable();
    }

    public static DataType makeNullable(DataType type) {
        if (type.isNullable() || type instanceof ArrayType) {
            return type;
        }
        if (type instanceof LowCardinalityType lowCardinality) {
            return new LowCardinalityType(makeNullable(lowCardinality.inner()));
        }
        return new NullableType(type);
    }

    public static boolean isInteger(DataType type) {
        return type instanceof IntegerType || type instanceof BoolType;
    }

    public static boolean isFloat(DataType type) {
        return type instanceof FloatType;
    }

    public static boolean isNumber(DataType type) {
        return isInteger(type) || isFloat(type);
    }

    public static boolean isString(DataType type) {
        return type instanceof StringType;
    }

    public static boolean isDateOrTime(DataType type) {
        return type instanceof DateType || type instanceof DateTimeType || type instanceof DateTime64Type;
    }

    public static boolean isUnsigned64(DataType type) {
        return type instanceof IntegerType integer && integer.bits() == 64 && !integer.signed();
    }

    public static int bits(DataType type) {
        if (type instanceof IntegerType integer) {
            return integer.bits();
        }
        if (type instanceof FloatType floating) {
            return floating.bits();
        }
        return 8;
    }

    public static boolean isSigned(DataType type) {
        return type instanceof IntegerType integer ? integer.signed() : !(type instanceof BoolType);
    }

    public static IntegerType integer(int bits, boolean signed) {
        return new IntegerType(Math.min(64, bits), signed);
    }

    /** The result of {@code a + b} and {@code a * b}: signed if either is, one size wider, capped at 64 bits. */
    public static DataType additionResult(DataType left, DataType right) {
        if (isFloat(left) || isFloat(right)) {
            return FLOAT64;
        }
        return integer(2 * Math.max(bits(left), bits(right)), isSigned(left) || isSigned(right));
    }

    /** The result of {@code a - b}: always signed, one size wider. */
    public static DataType subtractionResult(DataType left, DataType right) {
        if (isFloat(left) || isFloat(right)) {
            return FLOAT64;
        }
        return integer(2 * Math.max(bits(left), bits(right)), true);
    }

    /** A type both can convert to without losing values, as ClickHouse picks for if/multiIf/UNION/arrays. */
    public static DataType superType(DataType left, DataType right) {
        if (isNothing(left)) {
            return isNothing(right) ? right : makeNullable(right);
        }
        if (isNothing(right)) {
            return makeNullable(left);
        }
        if (left.equals(right)) {
            return left;
        }
        boolean nullable = left.isNullable() || right.isNullable();
        DataType a = base(left);
        DataType b = base(right);
        if (a.equals(b)) {
            return nullable ? makeNullable(a) : a;
        }
        if (a instanceof NothingType || b instanceof NothingType) {
            DataType other = a instanceof NothingType ? b : a;
            return nullable ? makeNullable(other) : other;
        }
        DataType result = baseSuperType(a, b);
        if (result == null) {
            throw new StarlingException(ErrorCode.TYPE_MISMATCH, "There is no supertype for types ["
                    + left.name() + "] and [" + right.name() + "]; cast one side, e.g. toString(x) or toFloat64(x)");
        }
        return nullable ? makeNullable(result) : result;
    }

    private static DataType baseSuperType(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return numericSuperType(a, b);
        }
        if (a instanceof io.starling.storage.type.DecimalType left && b instanceof io.starling.storage.type.DecimalType right) {
            // ClickHouse: the larger scale, in the wider storage (Decimal32, Decimal64, Decimal128, Decimal256)
            int scale = Math.max(left.scale(), right.scale());
            int integerDigits = Math.max(left.precision() - left.scale(), right.precision() - right.scale());
            int storage = Math.max(left.storagePrecision(), right.storagePrecision());
            int needed = integerDigits + scale;
            if (needed > storage) {
                storage = needed <= io.starling.storage.type.DecimalType.MAX_LONG_PRECISION
                        ? io.starling.storage.type.DecimalType.MAX_LONG_PRECISION
                        : needed <= io.starling.storage.type.DecimalType.MAX_PRECISION
                        ? io.starling.storage.type.DecimalType.MAX_PRECISION
                        : io.starling.storage.type.DecimalType.MAX_DECIMAL256_PRECISION;
            }
            return new io.starling.storage.type.DecimalType(storage, scale);
        }
        if (a instanceof DateType && (b instanceof DateTimeType || b instanceof DateTime64Type)) {
            return b;
        }
        if (b instanceof DateType && (a instanceof DateTimeType || a instanceof DateTime64Type)) {
            return a;
        }
        if (a instanceof DateTimeType && b instanceof DateTimeType) {
            return a;
        }
        if (a instanceof ArrayType left && b instanceof ArrayType right) {
            return new ArrayType(superType(left.element(), right.element()));
        }
        return null;
    }

    private static DataType numericSuperType(DataType a, DataType b) {
        if (isFloat(a) || isFloat(b)) {
            return FLOAT64;
        }
        if (a instanceof BoolType) {
            a = UINT8;
        }
        if (b instanceof BoolType) {
            b = UINT8;
        }
        boolean signedA = isSigned(a);
        boolean signedB = isSigned(b);
        if (signedA == signedB) {
            return integer(Math.max(bits(a), bits(b)), signedA);
        }
        int unsignedBits = signedA ? bits(b) : bits(a);
        int signedBits = signedA ? bits(a) : bits(b);
        int needed = Math.max(signedBits, unsignedBits * 2);
        return needed > 64 ? INT64 : integer(needed, true);
    }

    /** Type of an integer literal: the smallest of UInt8..UInt64 or Int8..Int64 holding it. */
    public static DataType literalInteger(long value, boolean unsigned) {
        if (unsigned) {
            return UINT64;
        }
        if (value >= 0) {
            return value <= 0xFF ? UINT8 : value <= 0xFFFF ? IntegerType.UINT16
                    : value <= 0xFFFFFFFFL ? IntegerType.UINT32 : UINT64;
        }
        return value >= Byte.MIN_VALUE ? IntegerType.INT8 : value >= Short.MIN_VALUE ? IntegerType.INT16
                : value >= Integer.MIN_VALUE ? IntegerType.INT32 : INT64;
    }

    /** Wraps an integer into the range of {@code type}, as ClickHouse's integer conversions do. */
    public static long wrap(long value, DataType type) {
        if (type instanceof BoolType) {
            return value != 0 ? 1 : 0;
        }
        if (!(type instanceof IntegerType integer) || integer.bits() == 64) {
            return value;
        }
        return switch (integer.bits()) {
            case 8 -> integer.signed() ? (byte) value : value & 0xFF;
            case 16 -> integer.signed() ? (short) value : value & 0xFFFF;
            default -> integer.signed() ? (int) value : value & 0xFFFFFFFFL;
        };
    }

    /** A long holding a value of {@code type} as a double (UInt64 read unsigned). */
    public static double toDouble(long value, DataType type) {
        if (isUnsigned64(type) && value < 0) {
            return (double) (value >>> 1) * 2.0 + (value & 1);
        }
        return value;
    }
}
