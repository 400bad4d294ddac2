package io.starling.storage.type;

/** Int8..Int64 and UInt8..UInt64. UInt64 values above Long.MAX_VALUE are held as negative longs (two's complement). */
public record IntegerType(int bits, boolean signed) implements DataType {
    public static final IntegerType INT8 = new IntegerType(8, true);
    public static final IntegerType INT16 = new IntegerType(16, true);
    public static final IntegerType INT32 = new IntegerType(32, true);
    public static final IntegerType INT64 = new IntegerType(64, true);
    public static final IntegerType UINT8 = new IntegerType(8, false);
    public static final IntegerType UINT16 = new IntegerType(16, false);
    public static final IntegerType UINT32 = new IntegerType(32, false);
    public static final IntegerType UINT64 = new IntegerType(64, false);

    public IntegerType {
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("Integer width [" + bits + "] is not one of 8, 16, 32, 64");
        }
    }

    @Override
    public String name() {
        return (signed ? "Int" : "UInt") + bits;
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }

    /** Smallest value the type holds (for UInt64: 0). */
    public long minValue() {
        return signed ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
    }

    /** Largest value for widths below 64 bits; for UInt64 the bit pattern of 2^64-1 (-1L). */
    public long maxValue() {
        if (bits == 64) {
            return signed ? Long.MAX_VALUE : -1L;
        }
        return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }
}
