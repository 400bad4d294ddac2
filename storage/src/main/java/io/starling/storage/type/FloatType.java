package io.starling.storage.type;

/** Float32 and Float64, both held as double in memory; Float32 is rounded to float on write. */
public record FloatType(int bits) implements DataType {
    public static final FloatType FLOAT32 = new FloatType(32);
    public static final FloatType FLOAT64 = new FloatType(64);

    public FloatType {
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("Float width [" + bits + "] is not 32 or 64");
        }
    }

    @Override
    public String name() {
        return "Float" + bits;
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.DOUBLE;
    }
}
