package io.starling.storage.type;

/** Nullable(T): T plus a null mask. */
public record NullableType(DataType inner) implements DataType {
    @Override
    public String name() {
        return "Nullable(" + inner.name() + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.NULLABLE;
    }

    @Override
    public DataType unwrapNullable() {
        return inner;
    }

    @Override
    public boolean isNullable() {
        return true;
    }
}
