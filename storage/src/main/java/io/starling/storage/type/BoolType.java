package io.starling.storage.type;

/** Bool: held as 0 or 1 in a LongColumn. */
public record BoolType() implements DataType {
    public static final BoolType BOOL = new BoolType();

    @Override
    public String name() {
        return "Bool";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
