package io.starling.sql.function.date;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import java.util.List;

/**
 * Parts of dates and times, computed in the value's zone (or the zone given as the last argument):
 * toYear, toQuarter, toMonth, toDayOfMonth, toDayOfWeek, toDayOfYear, toHour, toMinute, toSecond,
 * toYYYYMM, toYYYYMMDD, toYYYYMMDDhhmmss, toUnixTimestamp, toRelativeDayNum...
 */
public final class DatePartFunctions {
    private DatePartFunctions() {
    }

    /** A part computed from wall-clock seconds. */
    @FunctionalInterface
    interface Part {
        long of(long localSeconds);
    }

    public static void register(FunctionRegistry registry) {
        part(registry, "toYear", IntegerType.UINT16, local -> DateTimes.year(civil(local)));
        part(registry, "toQuarter", IntegerType.UINT8, local -> (DateTimes.month(civil(local)) + 2) / 3);
        part(registry, "toMonth", IntegerType.UINT8, local -> DateTimes.month(civil(local)));
        part(registry, "toDayOfMonth", IntegerType.UINT8, local -> DateTimes.day(civil(local)));
        part(registry, "toDayOfWeek", IntegerType.UINT8, local -> DateTimes.dayOfWeek(days(local)));
        part(registry, "toDayOfYear", IntegerType.UINT16, local -> {
            long packed = civil(local);
            return days(local) - DateTimes.daysFromCivil(DateTimes.year(packed), 1, 1) + 1;
        });
        part(registry, "toHour", IntegerType.UINT8, local -> Math.floorMod(local, DateTimes.SECONDS_PER_DAY) / 3600);
        part(registry, "toMinute", IntegerType.UINT8, local -> Math.floorMod(local, 3600L) / 60);
        part(registry, "toSecond", IntegerType.UINT8, local -> Math.floorMod(local, 60L));
        part(registry, "toYYYYMM", IntegerType.UINT32, local -> civil(local) / 100);
        part(registry, "toYYYYMMDD", IntegerType.UINT32, DatePartFunctions::civil);
        part(registry, "toYYYYMMDDhhmmss", IntegerType.UINT64, local -> {
            long secondOfDay = Math.floorMod(local, DateTimes.SECONDS_PER_DAY);
            return civil(local) * 1_000_000L + secondOfDay / 3600 * 10_000 + secondOfDay / 60 % 60 * 100 + secondOfDay % 60;
        });
        part(registry, "toRelativeDayNum", IntegerType.UINT32, DatePartFunctions::days);
        part(registry, "toRelativeHourNum", IntegerType.UINT32, local -> Math.floorDiv(local, 3600L));
        registry.alias("YEAR", "toYear", true);
        registry.alias("MONTH", "toMonth", true);
        registry.alias("DAY", "toDayOfMonth", true);
        registry.alias("DAYOFMONTH", "toDayOfMonth", true);
        registry.alias("DAYOFWEEK", "toDayOfWeek", true);
        registry.alias("HOUR", "toHour", true);
        registry.alias("MINUTE", "toMinute", true);
        registry.alias("SECOND", "toSecond", true);
        registry.alias("QUARTER", "toQuarter", true);
        registry.add(ScalarFunction.of("toUnixTimestamp", DatePartFunctions::toUnixTimestamp));
    }

    static long days(long local) {
        return Math.floorDiv(local, DateTimes.SECONDS_PER_DAY);
    }

    static long civil(long local) {
        return DateTimes.civilFromDays(days(local));
    }

    private static void part(FunctionRegistry registry, String name, DataType result, Part part) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 2);
            TimeSource source = TimeSource.of(name, arguments, 1);
            return ScalarKernel.of(result, (operands, rows) -> {
                long[] values = operands[0].longs(rows);
                for (int i = 0; i < rows; i++) {
                    values[i] = part.of(source.localSeconds(values[i]));
                }
                return new LongColumn(result, values);
            });
        }));
    }

    private static ScalarKernel toUnixTimestamp(List<Argument> arguments) {
        Errors.checkCount("toUnixTimestamp", arguments, 1, 2);
        DataType type = arguments.get(0).type();
        if (Types.isString(type)) {
            java.time.ZoneId zone = arguments.size() == 2
                    ? DateTimes.zone(arguments.get(1).constantString("toUnixTimestamp", 1)) : DateTimes.UTC;
            return ScalarKernel.of(IntegerType.UINT32, (operands, rows) -> {
                long[] values = new long[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = DateTimeParser.parseDateTime(operands[0].strings().getString(operands[0].row(i)), zone);
                }
                return new LongColumn(IntegerType.UINT32, values);
            });
        }
        TimeSource source = TimeSource.of("toUnixTimestamp", arguments, 1);
        return ScalarKernel.of(IntegerType.UINT32, (operands, rows) -> {
            long[] values = operands[0].longs(rows);
            for (int i = 0; i < rows; i++) {
                values[i] = source.epochSeconds(values[i]);
            }
            return new LongColumn(IntegerType.UINT32, values);
        });
    }
}
