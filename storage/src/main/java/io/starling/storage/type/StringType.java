package io.starling.storage.type;

/** String: arbitrary bytes, usually UTF-8. */
public record StringType() implements DataType {
    public static final StringType STRING = new StringType();

    @Override
    public String name() {
        return "String";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.BYTES;
    }
}
