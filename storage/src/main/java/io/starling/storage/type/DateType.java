package io.starling.storage.type;

/** Date: days since 1970-01-01, held in a LongColumn. */
public record DateType() implements DataType {
    public static final DateType DATE = new DateType();

    @Override
    public String name() {
        return "Date";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
