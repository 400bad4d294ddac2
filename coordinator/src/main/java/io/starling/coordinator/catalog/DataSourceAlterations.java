package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ttl} and {@code kafka_store_raw_value} parameters of {@code POST /v0/datasources/{name}/alter}
 * (spec data-plane §1.2.4) as changes of a {@link DataSourceSpec}. Pure functions; the node checks that a TTL
 * compiles before it records it.
 *
 * <p>{@code ttl} is any ClickHouse TTL expression ({@code timestamp + toIntervalDay(60)}), or {@code false} to
 * remove the TTL. The documentation's shorthand {@code ttl=12 hours} (a count and a unit) counts from the data
 * source's time column: the first Date/DateTime column of the sorting key, else its only Date/DateTime column,
 * and becomes {@code <column> + toIntervalHour(12)}.
 *
 * <p>{@code kafka_store_raw_value} (Kafka data sources keep the raw message in {@code __value} when true) is kept
 * in the data source's {@link #KAFKA_STORE_RAW_VALUE settings} as {@code "true"} or {@code "false"}.
 */
public final class DataSourceAlterations {
    /** The settings key of {@code kafka_store_raw_value}. */
    public static final String KAFKA_STORE_RAW_VALUE = "kafka_store_raw_value";

    private static final Pattern SHORTHAND = Pattern.compile(
            "(?i)(\\d+)\\s*(second|minute|hour|day|week|month|quarter|year)s?");

    private DataSourceAlterations() {
    }

    /** True when {@code ttl} asks to remove the TTL ({@code false}, or empty). */
    public static boolean removesTtl(String ttl) {
        return ttl.isBlank() || ttl.strip().equalsIgnoreCase("false");
    }

    /**
     * The TTL expression to store for the {@code ttl} parameter: empty to remove it, the shorthand {@code N unit}
     * expanded over the time column, any other expression as given (stripped). Fails with BAD_ARGUMENTS when the
     * shorthand has no single time column to count from.
     */
    public static String ttlExpression(DataSourceSpec dataSource, String ttl) {
        if (removesTtl(ttl)) {
            return "";
        }
        String text = ttl.strip();
        Matcher shorthand = SHORTHAND.matcher(text);
        if (!shorthand.matches()) {
            return text;
        }
        String unit = shorthand.group(2).toLowerCase(Locale.ROOT);
        String function = "toInterval" + Character.toUpperCase(unit.charAt(0)) + unit.substring(1);
        return quoted(timeColumn(dataSource, text)) + " + " + function + "(" + Long.parseLong(shorthand.group(1)) + ")";
    }

    /** The ALTER operation a TTL change reports: {@code MODIFY TTL expr} or {@code REMOVE TTL}. */
    public static String ttlOperation(String expression) {
        return expression.isEmpty() ? "REMOVE TTL" : "MODIFY TTL " + expression;
    }

    /** The {@code kafka_store_raw_value} value as a boolean; BAD_ARGUMENTS unless true/false (or 1/0). */
    public static boolean parseBoolean(String parameter, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter " + parameter + " must be true "
                    + "or false, got [" + value + "]");
        };
    }

    /** The data source's {@code kafka_store_raw_value} setting; false when never set. */
    public static boolean kafkaStoreRawValue(DataSourceSpec dataSource) {
        return "true".equals(dataSource.getSettingsMap().get(KAFKA_STORE_RAW_VALUE));
    }

    private static String timeColumn(DataSourceSpec dataSource, String ttl) {
        List<String> timeColumns = new ArrayList<>();
        for (ColumnSpec column : dataSource.getColumnsList()) {
            if (isTime(column.getType())) {
                timeColumns.add(column.getName());
            }
        }
        for (String key : dataSource.getSortingKeyList()) {
            String bare = key.replace("`", "").strip();
            if (timeColumns.contains(bare)) {
                return bare;
            }
        }
        if (timeColumns.size() == 1) {
            return timeColumns.get(0);
        }
        String example = timeColumns.isEmpty() ? "timestamp" : timeColumns.get(0);
        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "TTL [" + ttl + "] needs a Date or DateTime column to "
                + "count from, and [" + dataSource.getName() + "] has " + (timeColumns.isEmpty() ? "none"
                : "several " + timeColumns + " and none in its sorting key") + "; pass the whole expression, e.g. ttl="
                + example + " + toIntervalDay(7)");
    }

    private static boolean isTime(String typeName) {
        DataType type;
        try {
            type = DataTypes.parse(typeName);
        } catch (RuntimeException unparsable) {
            return false;
        }
        while (type instanceof NullableType || type instanceof LowCardinalityType) {
            type = type instanceof NullableType nullable ? nullable.inner() : ((LowCardinalityType) type).inner();
        }
        return type instanceof DateType || type instanceof Date32Type || type instanceof DateTimeType
                || type instanceof DateTime64Type;
    }

    private static String quoted(String column) {
        return column.matches("[A-Za-z_][A-Za-z0-9_]*") ? column : "`" + column + "`";
    }
}
