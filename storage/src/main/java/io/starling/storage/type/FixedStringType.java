package io.starling.storage.type;

/** FixedString(N): exactly N bytes per value, shorter values padded with zero bytes; held in a StringColumn. */
public record FixedStringType(int length) implements DataType {
    public FixedStringType {
        if (length < 1 || length > 0xFFFFFF) {
            throw new IllegalArgumentException("FixedString length [" + length + "] must be between 1 and 16777215");
        }
    }

    @Override
    public String name() {
        return "FixedString(" + length + ")";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.BYTES;
    }
}
