package io.starling.sql.function.date;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.StringType;
import java.time.ZoneId;
import java.util.List;

/** formatDateTime (MySQL-style % patterns) and parseDateTimeBestEffort / parseDateTime64BestEffort (ISO forms). */
public final class DateFormatFunctions {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private DateFormatFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("formatDateTime", DateFormatFunctions::formatDateTime));
        registry.alias("DATE_FORMAT", "formatDateTime", true);
        for (String suffix : List.of("", "OrNull", "OrZero")) {
            for (String variant : List.of("", "US")) {
                boolean us = !variant.isEmpty();
                String name = "parseDateTimeBestEffort" + variant + suffix;
                registry.add(ScalarFunction.of(name, arguments -> parse(name, arguments, -1, suffix, us)));
                String name64 = "parseDateTime64BestEffort" + variant + suffix;
                registry.add(ScalarFunction.of(name64, arguments -> parse(name64, arguments,
                        arguments.size() >= 2 ? (int) arguments.get(1).constantLong(name64, 1) : 3, suffix, us)));
            }
        }
    }

    private static ScalarKernel formatDateTime(List<Argument> arguments) {
        Errors.checkCount("formatDateTime", arguments, 2, 3);
        String pattern = arguments.get(1).constantString("formatDateTime", 1);
        TimeSource source = TimeSource.of("formatDateTime", arguments, 2);
        int precision = source.type() instanceof DateTime64Type dateTime64 ? dateTime64.precision() : 0;
        long perSecond = source.type() instanceof DateTime64Type dateTime64 ? dateTime64.ticksPerSecond() : 1;
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                long raw = operands[0].getLong(i);
                text.setLength(0);
                format(text, pattern, source.localSeconds(raw), precision == 0 ? 0 : Math.floorMod(raw, perSecond), precision);
                builder.appendString(text.toString());
            }
            return builder.build();
        });
    }

    static void format(StringBuilder out, String pattern, long local, long fraction, int precision) {
        long days = Math.floorDiv(local, DateTimes.SECONDS_PER_DAY);
        long packed = DateTimes.civilFromDays(days);
        long secondOfDay = local - days * DateTimes.SECONDS_PER_DAY;
        int hour = (int) (secondOfDay / 3600);
        int minute = (int) (secondOfDay / 60 % 60);
        int second = (int) (secondOfDay % 60);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char spec = pattern.charAt(++i);
            switch (spec) {
                case 'Y' -> pad(out, DateTimes.year(packed), 4);
                case 'y' -> pad(out, DateTimes.year(packed) % 100, 2);
                case 'C' -> pad(out, DateTimes.year(packed) / 100, 2);
                case 'm' -> pad(out, DateTimes.month(packed), 2);
                case 'd' -> pad(out, DateTimes.day(packed), 2);
                case 'e' -> pad(out.append(DateTimes.day(packed) < 10 ? " " : ""), DateTimes.day(packed), 1);
                case 'H' -> pad(out, hour, 2);
                case 'I' -> pad(out, hour % 12 == 0 ? 12 : hour % 12, 2);
                case 'i' -> pad(out, minute, 2);
                case 'S', 's' -> pad(out, second, 2);
                case 'p' -> out.append(hour < 12 ? "AM" : "PM");
                case 'F' -> format(out, "%Y-%m-%d", local, fraction, precision);
                case 'T' -> format(out, "%H:%i:%S", local, fraction, precision);
                case 'R' -> format(out, "%H:%i", local, fraction, precision);
                case 'D' -> format(out, "%m/%d/%y", local, fraction, precision);
                case 'j' -> pad(out, days - DateTimes.daysFromCivil(DateTimes.year(packed), 1, 1) + 1, 3);
                case 'u' -> out.append(DateTimes.dayOfWeek(days));
                case 'w' -> out.append(DateTimes.dayOfWeek(days) % 7);
                case 'M', 'B' -> out.append(MONTHS[DateTimes.month(packed) - 1]);
                case 'b', 'h' -> out.append(MONTHS[DateTimes.month(packed) - 1], 0, 3);
                case 'W' -> out.append(DAYS[DateTimes.dayOfWeek(days) - 1]);
                case 'a' -> out.append(DAYS[DateTimes.dayOfWeek(days) - 1], 0, 3);
                case 'Q' -> out.append((DateTimes.month(packed) + 2) / 3);
                case 'f' -> pad(out, precision == 0 ? 0 : fraction, Math.max(precision, 6));
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '%' -> out.append('%');
                default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Pattern [" + pattern
                        + "] of formatDateTime has the unknown specifier [%" + spec + "]");
            }
        }
    }

    private static void pad(StringBuilder out, long value, int width) {
        String text = Long.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    private static ScalarKernel parse(String name, List<Argument> arguments, int precision, String suffix, boolean us) {
        Errors.checkCount(name, arguments, 1, precision >= 0 ? 3 : 2);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalType(name, arguments.get(0).type());
        }
        int zonePosition = precision >= 0 ? 2 : 1;
        String zoneName = arguments.size() > zonePosition ? arguments.get(zonePosition).constantString(name, zonePosition) : null;
        ZoneId zone = DateTimes.zone(zoneName);
        DataType base = precision >= 0 ? new DateTime64Type(precision, zoneName) : new DateTimeType(zoneName);
        DataType result = suffix.equals("OrNull") ? Types.makeNullable(base) : base;
        return ScalarKernel.of(result, (operands, rows) -> {
            ColumnBuilder builder = ColumnBuilder.forType(result, rows);
            for (int i = 0; i < rows; i++) {
                String text = operands[0].strings().getString(operands[0].row(i));
                long value = BestEffortParser.parse(text, Math.max(precision, 0), zone, us);
                if (value != Long.MIN_VALUE) {
                    builder.appendLong(value);
                } else if (suffix.isEmpty()) {
                    throw new StarlingException(ErrorCode.CANNOT_PARSE_DATETIME, "Cannot read [" + text + "] as a date and time in "
                            + name + "; use " + name + "OrNull to accept bad values");
                } else if (suffix.equals("OrNull")) {
                    builder.appendNull();
                } else {
                    builder.appendLong(0);
                }
            }
            return builder.build();
        });
    }
}
