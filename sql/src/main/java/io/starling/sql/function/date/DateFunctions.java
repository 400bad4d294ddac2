package io.starling.sql.function.date;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Rounding and arithmetic on dates and times: toStartOf*, toMonday, toStartOfInterval, add and subtract
 * functions, dateDiff, now, today, yesterday. Computed on wall-clock time in the value's zone.
 */
public final class DateFunctions {
    private DateFunctions() {
    }

    /** Calendar units for intervals, dateDiff and add/subtract functions. */
    public enum Unit {
        SECOND(1), MINUTE(60), HOUR(3600), DAY(86_400), WEEK(7 * 86_400), MONTH(0), QUARTER(0), YEAR(0);

        final long seconds;

        Unit(long seconds) {
            this.seconds = seconds;
        }

        public static Unit parse(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return switch (lower) {
                case "second", "seconds", "ss", "s" -> SECOND;
                case "minute", "minutes", "mi", "n" -> MINUTE;
                case "hour", "hours", "hh", "h" -> HOUR;
                case "day", "days", "dd", "d" -> DAY;
                case "week", "weeks", "wk", "ww" -> WEEK;
                case "month", "months", "mm", "m" -> MONTH;
                case "quarter", "quarters", "qq", "q" -> QUARTER;
                case "year", "years", "yyyy", "yy" -> YEAR;
                default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unknown time unit [" + text
                        + "]; use second, minute, hour, day, week, month, quarter or year");
            };
        }

        boolean calendar() {
            return seconds == 0;
        }
    }

    public static void register(FunctionRegistry registry) {
        startOf(registry, "toStartOfMinute", Unit.MINUTE, 1);
        startOf(registry, "toStartOfFiveMinutes", Unit.MINUTE, 5);
        registry.alias("toStartOfFiveMinute", "toStartOfFiveMinutes", false);
        startOf(registry, "toStartOfTenMinutes", Unit.MINUTE, 10);
        startOf(registry, "toStartOfFifteenMinutes", Unit.MINUTE, 15);
        startOf(registry, "toStartOfHour", Unit.HOUR, 1);
        startOf(registry, "toStartOfDay", Unit.DAY, 1);
        startOfDate(registry, "toMonday", Unit.WEEK);
        startOfDate(registry, "toStartOfMonth", Unit.MONTH);
        startOfDate(registry, "toStartOfQuarter", Unit.QUARTER);
        startOfDate(registry, "toStartOfYear", Unit.YEAR);
        registry.add(ScalarFunction.of("toStartOfWeek", arguments -> {
            Errors.checkCount("toStartOfWeek", arguments, 1, 3);
            long mode = arguments.size() >= 2 ? arguments.get(1).constantLong("toStartOfWeek", 1) : 0;
            TimeSource source = TimeSource.of("toStartOfWeek", arguments, 2);
            boolean monday = (mode & 1) == 1;
            return dateKernel(source, days -> days - (monday ? DateTimes.dayOfWeek(days) - 1 : DateTimes.dayOfWeek(days) % 7));
        }));
        registry.add(ScalarFunction.of("toStartOfInterval", DateFunctions::toStartOfInterval));
        registry.add(ScalarFunction.of("now", arguments -> now(arguments, "now")));
        registry.alias("current_timestamp", "now", true);
        registry.add(ScalarFunction.of("today", arguments -> day(arguments, "today", 0)));
        registry.alias("current_date", "today", true);
        registry.add(ScalarFunction.of("yesterday", arguments -> day(arguments, "yesterday", 1)));
        for (Unit unit : Unit.values()) {
            String plural = unit.name().charAt(0) + unit.name().substring(1).toLowerCase(Locale.ROOT) + "s";
            registry.add(ScalarFunction.of("add" + plural, arguments -> add("add" + plural, arguments, unit, 1)));
            registry.add(ScalarFunction.of("subtract" + plural, arguments -> add("subtract" + plural, arguments, unit, -1)));
        }
        registry.add(ScalarFunction.of("dateDiff", DateFunctions::dateDiff));
        registry.alias("date_diff", "dateDiff", true);
        registry.alias("DATEDIFF", "dateDiff", true);
        registry.alias("timestampDiff", "dateDiff", true);
    }

    /** Maps days to days. */
    @FunctionalInterface
    interface DayRule {
        long apply(long days);
    }

    private static ScalarKernel dateKernel(TimeSource source, DayRule rule) {
        return ScalarKernel.of(DateType.DATE, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            for (int i = 0; i < rows; i++) {
                values[i] = rule.apply(source.localDays(values[i]));
            }
            return new LongColumn(DateType.DATE, values);
        });
    }

    private static void startOfDate(FunctionRegistry registry, String name, Unit unit) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 2);
            TimeSource source = TimeSource.of(name, arguments, 1);
            return dateKernel(source, days -> floorCalendar(days, unit, 1));
        }));
    }

    /** The first day of the unit holding {@code days} (n units counted from the epoch or year 0). */
    static long floorCalendar(long days, Unit unit, long count) {
        long packed = DateTimes.civilFromDays(days);
        int year = DateTimes.year(packed);
        int month = DateTimes.month(packed);
        return switch (unit) {
            case WEEK -> {
                long monday = days - (DateTimes.dayOfWeek(days) - 1);
                long weeks = Math.floorDiv(monday - 4, 7);
                yield 4 + Math.floorDiv(weeks, count) * count * 7;
            }
            case MONTH, QUARTER -> {
                long months = (long) year * 12 + month - 1;
                long step = unit == Unit.QUARTER ? 3 * count : count;
                long first = Math.floorDiv(months, step) * step;
                yield DateTimes.daysFromCivil(Math.floorDiv(first, 12), Math.floorMod(first, 12) + 1, 1);
            }
            case YEAR -> DateTimes.daysFromCivil(Math.floorDiv(year, count) * count, 1, 1);
            default -> days;
        };
    }

    private static void startOf(FunctionRegistry registry, String name, Unit unit, long count) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 2);
            return startOfSeconds(TimeSource.of(name, arguments, 1), unit.seconds * count);
        }));
    }

    private static ScalarKernel startOfSeconds(TimeSource source, long step) {
        DataType result = source.dateTimeType();
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            for (int i = 0; i < rows; i++) {
                long local = source.localSeconds(values[i]);
                values[i] = DateTimes.fromLocal(Math.floorDiv(local, step) * step, source.zone());
            }
            return new LongColumn(result, values);
        });
    }

    /** toStartOfInterval(t, n, 'unit'[, tz]) — the analyzer rewrites {@code INTERVAL n unit} to the last two. */
    private static ScalarKernel toStartOfInterval(List<Argument> arguments) {
        Errors.checkCount("toStartOfInterval", arguments, 3, 4);
        long count = arguments.get(1).constantLong("toStartOfInterval", 1);
        Unit unit = Unit.parse(arguments.get(2).constantString("toStartOfInterval", 2));
        if (count <= 0) {
            throw Errors.illegalArgument("toStartOfInterval", 1, "a positive interval");
        }
        TimeSource source = TimeSource.of("toStartOfInterval", arguments, 3);
        if (unit.calendar() || unit == Unit.WEEK || (unit == Unit.DAY && source.isDate())) {
            return dateKernel(source, days -> unit == Unit.DAY
                    ? Math.floorDiv(days, count) * count : floorCalendar(days, unit, count));
        }
        return startOfSeconds(source, unit.seconds * count);
    }

    private static ScalarKernel now(List<Argument> arguments, String name) {
        Errors.checkCount(name, arguments, 0, 1);
        String zone = arguments.isEmpty() ? null : arguments.get(0).constantString(name, 0);
        DataType type = new DateTimeType(zone);
        long seconds = Instant.now().getEpochSecond();
        return ScalarKernel.of(type, (operands, rows) -> new LongColumn(type, filled(rows, seconds)));
    }

    private static ScalarKernel day(List<Argument> arguments, String name, int daysBack) {
        Errors.checkCount(name, arguments, 0, 0);
        long days = Math.floorDiv(Instant.now().getEpochSecond(), DateTimes.SECONDS_PER_DAY) - daysBack;
        return ScalarKernel.of(DateType.DATE, (operands, rows) -> new LongColumn(DateType.DATE, filled(rows, days)));
    }

    private static long[] filled(int rows, long value) {
        long[] values = new long[rows];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static ScalarKernel add(String name, List<Argument> arguments, Unit unit, int sign) {
        Errors.checkCount(name, arguments, 2, 2);
        TimeSource source = TimeSource.of(name, arguments, 5);
        if (!Types.isInteger(arguments.get(1).type())) {
            throw Errors.illegalArgument(name, 1, "an integer");
        }
        DataType type = source.type();
        boolean toDateTime = type instanceof DateType && !unit.calendar() && unit != Unit.DAY && unit != Unit.WEEK;
        DataType result = toDateTime ? new DateTimeType(null) : type;
        long perSecond = type instanceof DateTime64Type dateTime64 ? dateTime64.ticksPerSecond() : 1;
        return ScalarKernel.of(result, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            long[] amounts = operands[1].longs(rows);
            for (int i = 0; i < rows; i++) {
                long amount = amounts[i] * sign;
                values[i] = toDateTime ? values[i] * DateTimes.SECONDS_PER_DAY + amount * unit.seconds
                        : shift(values[i], amount, unit, source, perSecond);
            }
            return new LongColumn(result, values);
        });
    }

    private static long shift(long raw, long amount, Unit unit, TimeSource source, long perSecond) {
        if (source.isDate()) {
            return unit == Unit.DAY ? raw + amount : unit == Unit.WEEK ? raw + 7 * amount : addMonths(raw, months(unit, amount));
        }
        if (!unit.calendar()) {
            return raw + amount * unit.seconds * perSecond;
        }
        long local = source.localSeconds(raw);
        long days = Math.floorDiv(local, DateTimes.SECONDS_PER_DAY);
        long secondOfDay = local - days * DateTimes.SECONDS_PER_DAY;
        long shifted = addMonths(days, months(unit, amount)) * DateTimes.SECONDS_PER_DAY + secondOfDay;
        long fraction = Math.floorMod(raw, perSecond);
        return DateTimes.fromLocal(shifted, source.zone()) * perSecond + fraction;
    }

    private static long months(Unit unit, long amount) {
        return unit == Unit.YEAR ? amount * 12 : unit == Unit.QUARTER ? amount * 3 : amount;
    }

    /** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
    static long addMonths(long days, long months) {
        long packed = DateTimes.civilFromDays(days);
        long total = (long) DateTimes.year(packed) * 12 + DateTimes.month(packed) - 1 + months;
        long year = Math.floorDiv(total, 12);
        int month = Math.floorMod(total, 12) + 1;
        int day = DateTimes.day(packed);
        long firstOfNext = DateTimes.daysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1);
        long length = firstOfNext - DateTimes.daysFromCivil(year, month, 1);
        return DateTimes.daysFromCivil(year, month, (int) Math.min(day, length));
    }

    private static ScalarKernel dateDiff(List<Argument> arguments) {
        Errors.checkCount("dateDiff", arguments, 3, 4);
        Unit unit = Unit.parse(arguments.get(0).constantString("dateDiff", 0));
        List<Argument> first = List.of(arguments.get(1));
        List<Argument> second = List.of(arguments.get(2));
        String zone = arguments.size() == 4 ? arguments.get(3).constantString("dateDiff", 3) : null;
        TimeSource left = zoned(TimeSource.of("dateDiff", first, 1), zone, arguments.get(1));
        TimeSource right = zoned(TimeSource.of("dateDiff", second, 1), zone, arguments.get(2));
        return ScalarKernel.of(Types.INT64, (operands, rows) -> {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                long a = left.localSeconds(operands[1].getLong(i));
                long b = right.localSeconds(operands[2].getLong(i));
                out[i] = relative(b, unit) - relative(a, unit);
            }
            return new LongColumn(Types.INT64, out);
        });
    }

    private static TimeSource zoned(TimeSource source, String zone, Argument argument) {
        if (zone == null) {
            return source;
        }
        return TimeSource.of("dateDiff", List.of(argument, new Argument(Types.STRING, true, zone)), 1);
    }

    /** The count of whole units from the epoch to a wall-clock time (ClickHouse's toRelative*Num). */
    private static long relative(long local, Unit unit) {
        long days = Math.floorDiv(local, DateTimes.SECONDS_PER_DAY);
        return switch (unit) {
            case SECOND -> local;
            case MINUTE -> Math.floorDiv(local, 60L);
            case HOUR -> Math.floorDiv(local, 3600L);
            case DAY -> days;
            case WEEK -> Math.floorDiv(days + 3, 7L);
            case MONTH -> {
                long packed = DateTimes.civilFromDays(days);
                yield DateTimes.year(packed) * 12L + DateTimes.month(packed);
            }
            case QUARTER -> {
                long packed = DateTimes.civilFromDays(days);
                yield DateTimes.year(packed) * 4L + (DateTimes.month(packed) - 1) / 3;
            }
            case YEAR -> DateTimes.year(DateTimes.civilFromDays(days));
        };
    }
}
