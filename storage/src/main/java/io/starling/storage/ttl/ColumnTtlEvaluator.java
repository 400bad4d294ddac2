package io.starling.storage.ttl;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DataType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TtlEvaluator} for {@code column}, {@code column + INTERVAL n UNIT} and {@code column + toIntervalUnit(n)}
 * over a Date, Date32, DateTime or DateTime64 column (units SECOND to YEAR; months and years in UTC calendar
 * arithmetic). NULL never expires. Anything else needs the SQL module's evaluator.
 */
public final class ColumnTtlEvaluator implements TtlEvaluator {
    private static final Pattern PLAIN = Pattern.compile(
            "^\\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*(?:\\+\\s*(?:INTERVAL\\s+(\\d+)\\s+([A-Za-z]+)|toInterval([A-Za-z]+)\\s*\\(\\s*(\\d+)\\s*\\)))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final String column;
    private final DataType type;
    private final long amount;
    private final String unit;

    /** @param unit SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR (any case, plural accepted) */
    public ColumnTtlEvaluator(String column, DataType type, long amount, String unit) {
        this.column = column;
        this.type = type.unwrapNullable().behavesAs();
        this.amount = amount;
        this.unit = normalizeUnit(unit);
        if (!(this.type instanceof DateType || this.type instanceof Date32Type || this.type instanceof DateTimeType
                || this.type instanceof DateTime64Type)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "TTL column [" + column + "] has type ["
                    + type.name() + "]; a TTL must be a Date or DateTime expression");
        }
    }

    /** The evaluator for {@code expression} over {@code definition}, when it has one of the plain forms. */
    public static Optional<ColumnTtlEvaluator> parse(TableDefinition definition, String expression) {
        Matcher matcher = PLAIN.matcher(expression);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int index = definition.columnIndex(matcher.group(1));
        if (index < 0) {
            return Optional.empty();
        }
        long amount = 0;
        String unit = "SECOND";
        if (matcher.group(2) != null) {
            amount = Long.parseLong(matcher.group(2));
            unit = matcher.group(3);
        } else if (matcher.group(4) != null) {
            amount = Long.parseLong(matcher.group(5));
            unit = matcher.group(4);
        }
        return Optional.of(new ColumnTtlEvaluator(matcher.group(1), definition.columns().get(index).type(), amount, unit));
    }

    private static String normalizeUnit(String unit) {
        String upper = unit.toUpperCase(Locale.ROOT);
        if (upper.endsWith("S")) {
            upper = upper.substring(0, upper.length() - 1);
        }
        return switch (upper) {
            case "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR" -> upper;
            default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "TTL interval unit [" + unit
                    + "] is unknown; use SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR");
        };
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }

    @Override
    public long[] expiresAt(Block block) {
        Column values = block.column(0);
        LongColumn longs = values instanceof NullableColumn nullable ? (LongColumn) nullable.values() : (LongColumn) values;
        long[] result = new long[block.rowCount()];
        for (int row = 0; row < result.length; row++) {
            result[row] = values.isNull(row) ? NEVER : plus(toSeconds(longs.getLong(row)));
        }
        return result;
    }

    private long toSeconds(long raw) {
        if (type instanceof DateType || type instanceof Date32Type) {
            return raw * 86_400L;
        }
        if (type instanceof DateTime64Type dateTime64) {
            return Math.floorDiv(raw, pow10(dateTime64.precision()));
        }
        return raw;
    }

    private long plus(long seconds) {
        return switch (unit) {
            case "SECOND" -> seconds + amount;
            case "MINUTE" -> seconds + amount * 60;
            case "HOUR" -> seconds + amount * 3_600;
            case "DAY" -> seconds + amount * 86_400;
            case "WEEK" -> seconds + amount * 7 * 86_400;
            case "MONTH" -> calendar(seconds).plusMonths(amount).toEpochSecond();
            case "QUARTER" -> calendar(seconds).plusMonths(3 * amount).toEpochSecond();
            case "YEAR" -> calendar(seconds).plusYears(amount).toEpochSecond();
            default -> throw new IllegalStateException(unit);
        };
    }

    private static ZonedDateTime calendar(long seconds) {
        return Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
