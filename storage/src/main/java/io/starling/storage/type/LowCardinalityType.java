package io.starling.storage.type;

/** LowCardinality(T): values are dictionary-encoded. Behaves like T in every expression. */
public record LowCardinalityType(DataType inner) implements DataType {
    @Override
    public String name() {
        return "LowCardinality(" + inner.name() + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.DICTIONARY;
    }
}
