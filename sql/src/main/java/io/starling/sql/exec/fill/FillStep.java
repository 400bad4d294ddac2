package io.starling.sql.exec.fill;

import io.starling.sql.function.date.DateTimes;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateType;
import io.starling.storage.type.PhysicalKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Adds one WITH FILL step to a key value: a number in the column's units (days for Date, seconds for DateTime,
 * ticks for DateTime64), or an INTERVAL computed on the calendar in the column's time zone.
 */
final class FillStep {
    private final boolean floating;
    private final long longStep;
    private final double doubleStep;
    private final String unit;
    private final long count;
    private final boolean date;
    private final long ticksPerSecond;
    private final ZoneId zone;

    FillStep(PlanNode.FillKey key, DataType type) {
        DataType base = type.unwrapNullable();
        this.floating = base.physical() == PhysicalKind.DOUBLE;
        this.unit = key.unit();
        this.count = key.count();
        this.date = base instanceof DateType || base instanceof Date32Type;
        this.ticksPerSecond = base instanceof DateTime64Type dt64 ? dt64.ticksPerSecond() : 1;
        this.zone = DateTimes.zoneOf(base);
        Object step = key.step();
        if (floating) {
            double value = step == null ? 1 : ((Number) step).doubleValue();
            this.doubleStep = key.descending() && step == null ? -value : value; // an explicit DESC step is negative
            this.longStep = 0;
        } else {
            long value = step == null ? ticksPerSecond : ((Number) step).longValue();
            this.longStep = key.descending() && step == null ? -value : value;
            this.doubleStep = 0;
        }
    }

    boolean floating() {
        return floating;
    }

    void apply(FillRow row, int i) {
        if (floating) {
            row.doubles[i] += doubleStep;
        } else if (unit == null) {
            row.longs[i] += longStep;
        } else {
            row.longs[i] = addInterval(row.longs[i]);
        }
    }

    private long addInterval(long value) {
        if (date) {
            LocalDate day = LocalDate.ofEpochDay(value);
            return switch (unit) {
                case "Day" -> value + count;
                case "Week" -> value + 7 * count;
                case "Month" -> day.plusMonths(count).toEpochDay();
                case "Quarter" -> day.plusMonths(3 * count).toEpochDay();
                default -> day.plusYears(count).toEpochDay();
            };
        }
        switch (unit) {
            case "Second":
                return value + count * ticksPerSecond;
            case "Minute":
                return value + 60 * count * ticksPerSecond;
            case "Hour":
                return value + 3600 * count * ticksPerSecond;
            default:
                break;
        }
        long seconds = Math.floorDiv(value, ticksPerSecond);
        long fraction = Math.floorMod(value, ticksPerSecond);
        ZonedDateTime time = Instant.ofEpochSecond(seconds).atZone(zone);
        ZonedDateTime moved = switch (unit) {
            case "Day" -> time.plusDays(count);
            case "Week" -> time.plusWeeks(count);
            case "Month" -> time.plusMonths(count);
            case "Quarter" -> time.plusMonths(3 * count);
            default -> time.plusYears(count);
        };
        return moved.toEpochSecond() * ticksPerSecond + fraction;
    }
}
