package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.DateTimeText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The text of a column reader's current value, as the NDJSON form of a Parquet row spells it
 * ({@link ParquetJsonValues}) without JSON quoting: integers (unsigned ones unsigned), floats ({@code nan},
 * {@code inf}), {@code true}/{@code false}, exact decimals, DATE as {@code YYYY-MM-DD}, timestamps as unix
 * seconds with the fraction, UUID as 8-4-4-4-12, byte arrays as UTF-8 (Latin-1 when they are not UTF-8).
 * Used for conversions the columnar reader has no direct path for and for quarantined raw values; allocates,
 * so it stays off the common paths. Stateless.
 */
final class ParquetValueText {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetValueText() {
    }

    static String of(ColumnReader reader, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> reader.getBoolean() ? "true" : "false";
            case INT32 -> int32(reader.getInteger(), logical);
            case INT64 -> int64(reader.getLong(), logical);
            case INT96 -> {
                long nanos = int96Nanos(reader.getBinary());
                yield nanos == Long.MIN_VALUE ? "" : seconds(nanos, 9);
            }
            case FLOAT -> floating(reader.getFloat(), true);
            case DOUBLE -> floating(reader.getDouble(), false);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> binary(reader.getBinary(), logical);
        };
    }

    private static String int32(int value, LogicalTypeAnnotation logical) {
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return new BigDecimal(BigInteger.valueOf(value), decimal.getScale()).toPlainString();
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            ByteSink out = new ByteSink();
            DateTimeText.writeDate(value, out);
            return new String(out.rawBytes(), 0, out.size(), StandardCharsets.US_ASCII);
        }
        if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            return Long.toString(Integer.toUnsignedLong(value));
        }
        return Integer.toString(value);
    }

    private static String int64(long value, LogicalTypeAnnotation logical) {
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return new BigDecimal(BigInteger.valueOf(value), decimal.getScale()).toPlainString();
        }
        if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            return seconds(value, unitDigits(timestamp.getUnit()));
        }
        if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            return Long.toUnsignedString(value);
        }
        return Long.toString(value);
    }

    static int unitDigits(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 3;
            case MICROS -> 6;
            case NANOS -> 9;
        };
    }

    /** {@code ticks} of 10^-digits seconds as {@code seconds[.fraction]}. */
    static String seconds(long ticks, int digits) {
        ByteSink out = new ByteSink();
        ParquetJsonValues.writeSeconds(ticks, digits, out);
        return new String(out.rawBytes(), 0, out.size(), StandardCharsets.US_ASCII);
    }

    private static String floating(double value, boolean single) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return single ? Float.toString((float) value) : Double.toString(value);
    }

    private static String binary(Binary binary, LogicalTypeAnnotation logical) {
        byte[] bytes = binary.getBytes();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            BigInteger unscaled = bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
            return new BigDecimal(unscaled, decimal.getScale()).toPlainString();
        }
        if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new java.util.UUID(buffer.getLong(), buffer.getLong()).toString();
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && bytes.length == 2) {
            short bits = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort();
            return floating(Float.float16ToFloat(bits), true);
        }
        if (ParquetJsonValues.isUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Impala's INT96 timestamp (nanoseconds of the day, then the Julian day; little-endian) as nanoseconds since
     * the epoch; {@link Long#MIN_VALUE} when it is malformed or beyond what 64 bits of nanoseconds hold.
     */
    static long int96Nanos(Binary binary) {
        ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.remaining() != 12) {
            return Long.MIN_VALUE;
        }
        long nanosOfDay = buffer.getLong();
        long days = Integer.toUnsignedLong(buffer.getInt()) - JULIAN_EPOCH_DAY;
        try {
            return Math.addExact(Math.multiplyExact(days, 86_400_000_000_000L), nanosOfDay);
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }
}
