package io.starling.sql.function.date;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.Types;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads raw Date, DateTime or DateTime64 values as epoch seconds and as wall-clock seconds in a zone.
 * Resolved once per function, then called per row with primitive values only.
 */
final class TimeSource {
    private final DataType type;
    private final ZoneId zone;
    private final long ticksPerSecond;

    private TimeSource(DataType type, ZoneId zone) {
        this.type = type;
        this.zone = zone;
        this.ticksPerSecond = type instanceof DateTime64Type dateTime64 ? dateTime64.ticksPerSecond() : 1;
    }

    /**
     * For a function whose argument 0 is a date or time and whose argument {@code zonePosition} (if present)
     * names a time zone.
     */
    static TimeSource of(String function, List<Argument> arguments, int zonePosition) {
        DataType type = arguments.get(0).type();
        if (!Types.isDateOrTime(type)) {
            throw Errors.illegalArgument(function, 0, "a Date, DateTime or DateTime64, not " + type.name());
        }
        ZoneId zone = arguments.size() > zonePosition
                ? DateTimes.zone(arguments.get(zonePosition).constantString(function, zonePosition))
                : DateTimes.zoneOf(type);
        return new TimeSource(type, zone);
    }

    ZoneId zone() {
        return zone;
    }

    String zoneName() {
        return zone == DateTimes.UTC ? null : zone.getId();
    }

    DataType type() {
        return type;
    }

    boolean isDate() {
        return type instanceof DateType;
    }

    long epochSeconds(long raw) {
        if (type instanceof DateType) {
            return DateTimes.fromLocal(raw * DateTimes.SECONDS_PER_DAY, zone);
        }
        return ticksPerSecond == 1 ? raw : Math.floorDiv(raw, ticksPerSecond);
    }

    long localSeconds(long raw) {
        if (type instanceof DateType) {
            return raw * DateTimes.SECONDS_PER_DAY;
        }
        return DateTimes.toLocal(epochSeconds(raw), zone);
    }

    long localDays(long raw) {
        return type instanceof DateType ? raw : Math.floorDiv(localSeconds(raw), DateTimes.SECONDS_PER_DAY);
    }

    /** The DateTime type results in this source's zone have. */
    DataType dateTimeType() {
        if (type instanceof DateTimeType dateTime && arguments0ZoneMatches(dateTime)) {
            return dateTime;
        }
        return new DateTimeType(zoneName());
    }

    private boolean arguments0ZoneMatches(DateTimeType dateTime) {
        return DateTimes.zone(dateTime.timeZone()).equals(zone);
    }
}
