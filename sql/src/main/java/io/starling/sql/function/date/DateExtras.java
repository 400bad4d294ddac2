package io.starling.sql.function.date;

import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateType;

/** toISOWeek, toISOYear, monthName, toLastDayOfMonth, toUnixTimestamp64Milli/Micro/Nano. */
public final class DateExtras {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private DateExtras() {
    }

    public static void register(FunctionRegistry registry) {
        dayFunction(registry, "toISOWeek", Types.UINT8, days -> isoWeek(days)[1]);
        dayFunction(registry, "toISOYear", Types.integer(16, false), days -> isoWeek(days)[0]);
        dayFunction(registry, "toLastDayOfMonth", DateType.DATE, days -> {
            long packed = DateTimes.civilFromDays(days);
            int year = DateTimes.year(packed);
            int month = DateTimes.month(packed);
            return DateTimes.daysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
        });
        registry.add(ScalarFunction.of("monthName", arguments -> {
            Errors.checkCount("monthName", arguments, 1, 2);
            TimeSource source = TimeSource.of("monthName", arguments, 1);
            return ScalarKernel.of(Types.STRING, (operands, rows) -> {
                ColumnBuilder builder = ColumnBuilder.forType(Types.STRING, rows);
                for (int i = 0; i < rows; i++) {
                    builder.appendString(MONTHS[DateTimes.month(DateTimes.civilFromDays(source.localDays(operands[0].getLong(i)))) - 1]);
                }
                return builder.build();
            });
        }));
        for (String unit : new String[] {"Milli", "Micro", "Nano"}) {
            int digits = unit.equals("Milli") ? 3 : unit.equals("Micro") ? 6 : 9;
            String name = "toUnixTimestamp64" + unit;
            registry.add(ScalarFunction.of(name, arguments -> {
                Errors.checkCount(name, arguments, 1, 1);
                if (!(arguments.get(0).type() instanceof DateTime64Type type)) {
                    throw Errors.illegalArgument(name, 0, "a DateTime64, not " + arguments.get(0).type().name());
                }
                int shift = digits - type.precision();
                return ScalarKernel.of(Types.INT64, (operands, rows) -> {
                    long[] out = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        long ticks = operands[0].getLong(i);
                        out[i] = shift >= 0 ? ticks * pow10(shift) : Math.floorDiv(ticks, pow10(-shift));
                    }
                    return new LongColumn(Types.INT64, out);
                });
            }));
        }
    }

    private static long pow10(int exponent) {
        long out = 1;
        for (int i = 0; i < exponent; i++) {
            out *= 10;
        }
        return out;
    }

    private static void dayFunction(FunctionRegistry registry, String name, DataType result,
                                    java.util.function.LongUnaryOperator function) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 2);
            TimeSource source = TimeSource.of(name, arguments, 1);
            return ScalarKernel.of(result, (operands, rows) -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = function.applyAsLong(source.localDays(operands[0].getLong(i)));
                }
                return new LongColumn(result, out);
            });
        }));
    }

    /** [ISO year, ISO week] of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
    static long[] isoWeek(long days) {
        int weekday = DateTimes.dayOfWeek(days);
        long thursday = days - weekday + 4;
        int year = DateTimes.year(DateTimes.civilFromDays(thursday));
        long firstDay = DateTimes.daysFromCivil(year, 1, 1);
        return new long[] {year, (thursday - firstDay) / 7 + 1};
    }
}
