package io.starling.storage.type;

/** Map(K, V): per-row offsets into a key column and a value column of equal length, held in a MapColumn. */
public record MapType(DataType key, DataType value) implements DataType {
    @Override
    public String name() {
        return "Map(" + key.name() + ", " + value.name() + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.MAP;
    }
}
