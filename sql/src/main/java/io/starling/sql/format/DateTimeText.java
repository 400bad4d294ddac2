package io.starling.sql.format;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Date and time text as ClickHouse reads and writes it: {@code 2024-01-15}, {@code 2024-01-15 10:30:00},
 * {@code 2024-01-15 10:30:00.123}; on input also ISO 8601 ({@code 2024-01-01T00:00:00.5+02:00}, {@code ...Z})
 * and unix seconds ({@code 1705314600}, {@code 1705314600.25}). Civil-date arithmetic is done on primitives;
 * only time zones other than UTC touch {@code java.time}.
 */
public final class DateTimeText {
    /** Largest Date: 2149-06-06 (UInt16 days). */
    static final long MAX_DATE_DAYS = 65_535;
    /** Largest DateTime: 2106-02-07 06:28:15 (UInt32 seconds). */
    static final long MAX_DATETIME_SECONDS = 4_294_967_295L;
    /** DateTime64 range: 1900-01-01 00:00:00 to 2299-12-31 23:59:59. */
    static final long MIN_DATETIME64_SECONDS = -2_208_988_800L;
    static final long MAX_DATETIME64_SECONDS = 10_413_791_999L;

    private static final ConcurrentHashMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    private DateTimeText() {
    }

    /** The zone of a DateTime type; null means the server zone, UTC. Unknown names fail with BAD_ARGUMENTS. */
    public static ZoneId zone(String name) {
        if (name == null || name.isEmpty()) {
            return ZoneOffset.UTC;
        }
        return ZONES.computeIfAbsent(name, key -> {
            try {
                return ZoneId.of(key);
            } catch (DateTimeException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Time zone [" + key
                        + "] is unknown; use an IANA name such as 'UTC' or 'Europe/Madrid'");
            }
        });
    }

    static long tenPower(int exponent) {
        return POWERS_OF_TEN[exponent];
    }

    // ---- civil calendar ----

    /** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
    public static long daysFromCivil(long year, int month, int day) {
        year -= month <= 2 ? 1 : 0;
        long era = Math.floorDiv(year, 400);
        long yearOfEra = year - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Writes {@code YYYY-MM-DD} for days since the epoch. */
    public static void writeDate(long days, ByteSink out) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        out.writePadded(year, 4);
        out.write('-');
        out.writePadded(month, 2);
        out.write('-');
        out.writePadded(day, 2);
    }

    /** Writes {@code YYYY-MM-DD hh:mm:ss} for unix seconds shown in {@code zone}. */
    public static void writeDateTime(long epochSeconds, ZoneId zone, ByteSink out) {
        long local = epochSeconds + offsetSeconds(epochSeconds, zone);
        long days = Math.floorDiv(local, 86_400);
        long secondOfDay = local - days * 86_400;
        writeDate(days, out);
        out.write(' ');
        out.writePadded(secondOfDay / 3600, 2);
        out.write(':');
        out.writePadded(secondOfDay / 60 % 60, 2);
        out.write(':');
        out.writePadded(secondOfDay % 60, 2);
    }

    /** Writes {@code YYYY-MM-DD hh:mm:ss[.fff]} for ticks of 10^-precision seconds. */
    public static void writeDateTime64(long ticks, int precision, ZoneId zone, ByteSink out) {
        long perSecond = POWERS_OF_TEN[precision];
        long seconds = Math.floorDiv(ticks, perSecond);
        long fraction = ticks - seconds * perSecond;
        writeDateTime(seconds, zone, out);
        if (precision > 0) {
            out.write('.');
            out.writePadded(fraction, precision);
        }
    }

    private static long offsetSeconds(long epochSeconds, ZoneId zone) {
        if (zone == ZoneOffset.UTC) {
            return 0;
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
        return rules.getOffset(Instant.ofEpochSecond(epochSeconds)).getTotalSeconds();
    }

    /** Epoch seconds of a wall-clock time (seconds since 1970-01-01 00:00 local) in {@code zone}. */
    static long localToEpoch(long localSeconds, ZoneId zone) {
        if (zone == ZoneOffset.UTC) {
            return localSeconds;
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return localSeconds - rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
        LocalDateTime wallClock = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
        return localSeconds - rules.getOffset(wallClock).getTotalSeconds();
    }
}
