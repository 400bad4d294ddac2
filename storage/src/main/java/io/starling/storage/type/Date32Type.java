package io.starling.storage.type;

/** Date32: signed days since 1970-01-01 (1900-01-01 to 2299-12-31), held in a LongColumn. */
public record Date32Type() implements DataType {
    public static final Date32Type DATE32 = new Date32Type();

    /** Days of 1900-01-01 and 2299-12-31. */
    public static final long MIN_DAYS = -25_567;
    public static final long MAX_DAYS = 120_529;

    @Override
    public String name() {
        return "Date32";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
