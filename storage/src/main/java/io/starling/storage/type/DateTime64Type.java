package io.starling.storage.type;

/** DateTime64(p[, tz]): ticks of 10^-p seconds since the epoch, held in a LongColumn. */
public record DateTime64Type(int precision, String timeZone) implements DataType {
    public DateTime64Type {
        if (precision < 0 || precision > 9) {
            throw new IllegalArgumentException("DateTime64 precision [" + precision + "] must be between 0 and 9");
        }
    }

    @Override
    public String name() {
        return timeZone == null ? "DateTime64(" + precision + ")" : "DateTime64(" + precision + ", '" + timeZone + "')";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }

    /** 10^precision: ticks per second. */
    public long ticksPerSecond() {
        long result = 1;
        for (int i = 0; i < precision; i++) {
            result *= 10;
        }
        return result;
    }
}
