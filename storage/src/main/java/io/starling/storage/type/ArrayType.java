package io.starling.storage.type;

/** Array(T): per-row offsets into one nested column of T. */
public record ArrayType(DataType element) implements DataType {
    @Override
    public String name() {
        return "Array(" + element.name() + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.ARRAY;
    }
}
