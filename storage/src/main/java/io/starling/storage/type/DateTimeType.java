package io.starling.storage.type;

/** DateTime([tz]): seconds since the epoch, held in a LongColumn. A null time zone means the server's (UTC). */
public record DateTimeType(String timeZone) implements DataType {
    public static final DateTimeType DATETIME = new DateTimeType(null);

    @Override
    public String name() {
        return timeZone == null ? "DateTime" : "DateTime('" + timeZone + "')";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
