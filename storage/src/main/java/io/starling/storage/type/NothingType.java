package io.starling.storage.type;

/**
 * Nothing: the type of a bare NULL ({@code Nullable(Nothing)}) and of an empty array literal
 * ({@code Array(Nothing)}). It has no values of its own; columns hold zeros in a LongColumn.
 */
public record NothingType() implements DataType {
    public static final NothingType NOTHING = new NothingType();

    @Override
    public String name() {
        return "Nothing";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
