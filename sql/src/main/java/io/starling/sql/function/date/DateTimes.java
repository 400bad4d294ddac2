package io.starling.sql.function.date;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calendar arithmetic on the raw values: Date = days since 1970-01-01, DateTime = seconds, DateTime64 = ticks.
 * UTC takes a fast path without java.time objects; other zones go through {@link ZoneRules}.
 */
public final class DateTimes {
    public static final ZoneId UTC = ZoneOffset.UTC;
    public static final long SECONDS_PER_DAY = 86_400;
    private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private DateTimes() {
    }

    public static ZoneId zone(String name) {
        if (name == null || name.equals("UTC")) {
            return UTC;
        }
        return ZONES.computeIfAbsent(name, key -> {
            try {
                return ZoneId.of(key);
            } catch (DateTimeException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS,
                        "Unknown time zone [" + key + "]; use an IANA name such as 'Europe/Madrid' or 'UTC'");
            }
        });
    }

    /** The zone a DateTime or DateTime64 type names, else UTC. */
    public static ZoneId zoneOf(DataType type) {
        if (type instanceof DateTimeType dateTime) {
            return zone(dateTime.timeZone());
        }
        if (type instanceof DateTime64Type dateTime64) {
            return zone(dateTime64.timeZone());
        }
        return UTC;
    }

    /** Wall-clock seconds (seconds since the epoch as if the zone were UTC) for an instant. */
    public static long toLocal(long epochSeconds, ZoneId zone) {
        if (zone == UTC) {
            return epochSeconds;
        }
        ZoneRules rules = zone.getRules();
        return epochSeconds + rules.getOffset(Instant.ofEpochSecond(epochSeconds)).getTotalSeconds();
    }

    /** The instant of a wall-clock time in a zone (the earlier one in an overlap). */
    public static long fromLocal(long localSeconds, ZoneId zone) {
        if (zone == UTC) {
            return localSeconds;
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
        return local.atZone(zone).toEpochSecond();
    }

    public static long floorDiv(long value, long divisor) {
        return Math.floorDiv(value, divisor);
    }

    /** Days since the epoch for a civil date (proleptic Gregorian). */
    public static long daysFromCivil(long year, int month, int day) {
        year -= month <= 2 ? 1 : 0;
        long era = Math.floorDiv(year, 400);
        long yearOfEra = year - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    /** The civil date of a day number, packed as {@code year * 10000 + month * 100 + day}. */
    public static long civilFromDays(long days) {
        days += 719468;
        long era = Math.floorDiv(days, 146097);
        long dayOfEra = days - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthPrime = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthPrime + 2) / 5 + 1;
        long month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10000 + month * 100 + day;
    }

    public static int year(long packed) {
        return (int) (packed / 10000);
    }

    public static int month(long packed) {
        return (int) (packed / 100 % 100);
    }

    public static int day(long packed) {
        return (int) (packed % 100);
    }

    /** ISO day of week, Monday = 1 .. Sunday = 7. */
    public static int dayOfWeek(long days) {
        return Math.floorMod(days + 3, 7) + 1;
    }

    public static void appendDate(StringBuilder out, long days) {
        long packed = civilFromDays(days);
        pad(out, year(packed), 4).append('-');
        pad(out, month(packed), 2).append('-');
        pad(out, day(packed), 2);
    }

    public static void appendDateTime(StringBuilder out, long epochSeconds, ZoneId zone) {
        long local = toLocal(epochSeconds, zone);
        appendDate(out, Math.floorDiv(local, SECONDS_PER_DAY));
        long secondOfDay = Math.floorMod(local, SECONDS_PER_DAY);
        out.append(' ');
        pad(out, (int) (secondOfDay / 3600), 2).append(':');
        pad(out, (int) (secondOfDay / 60 % 60), 2).append(':');
        pad(out, (int) (secondOfDay % 60), 2);
    }

    public static void appendDateTime64(StringBuilder out, long ticks, DateTime64Type type) {
        long perSecond = type.ticksPerSecond();
        appendDateTime(out, Math.floorDiv(ticks, perSecond), zone(type.timeZone()));
        if (type.precision() > 0) {
            out.append('.');
            pad(out, Math.floorMod(ticks, perSecond), type.precision());
        }
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }
}
