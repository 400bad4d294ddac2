package io.starling.storage.type;

/**
 * UUID: 16 bytes in a StringColumn, in the order of the text form {@code 8-4-4-4-12} (so bytewise order is the
 * order of the text).
 */
public record UuidType() implements DataType {
    public static final UuidType UUID = new UuidType();

    @Override
    public String name() {
        return "UUID";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.BYTES;
    }
}
