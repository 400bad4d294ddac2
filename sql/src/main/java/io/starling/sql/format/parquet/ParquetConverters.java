package io.starling.sql.format.parquet;

import io.starling.sql.format.ValueParser;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Converts a column reader's current Parquet value straight into a {@link ColumnBuilder}, picked once per column
 * by the Parquet type and the ClickHouse type (as ClickHouse's Parquet input casts):
 * <ul>
 *   <li>byte arrays (strings, enums, JSON) into String, LowCardinality(String), FixedString(N): the bytes as they
 *       are (no re-encoding);</li>
 *   <li>integers into (U)Int8..64 with a range check (UINT_64 read unsigned), Float32/64, Date/Date32 (a day
 *       number), DateTime (unix seconds), DateTime64 (unix seconds, scaled); BOOLEAN into Bool and integers;</li>
 *   <li>FLOAT/DOUBLE into Float32/64; DECIMAL(P, S) into Decimal(P', S') rescaled exactly (extra fraction digits
 *       truncated, as text input does; a value beyond P' digits does not fit) and into floats;</li>
 *   <li>DATE into Date/Date32; TIMESTAMP(MILLIS|MICROS|NANOS) and INT96 into DateTime (seconds) and DateTime64(p)
 *       (rescaled, truncated toward zero) with the types' range checks;</li>
 *   <li>anything else through the value's text ({@link ParquetValueText}) and {@link ValueParser}, as the NDJSON
 *       path reads it (UUID, IPv4, Enum, Bool from text, numbers into strings, ...).</li>
 * </ul>
 * A converter appends exactly one value and answers true, or appends nothing and answers false (the row is then
 * quarantined). Not thread-safe (text conversions keep a parser per column).
 */
final class ParquetConverters {
    /** Appends the reader's current (non-null) value to {@code builder}; false when it does not fit. */
    interface Converter {
        boolean append(ColumnReader reader, ColumnBuilder builder);
    }

    private static final long MAX_DATETIME_SECONDS = 4_294_967_295L;
    private static final long MIN_DATETIME64_SECONDS = -2_208_988_800L;
    private static final long MAX_DATETIME64_SECONDS = 10_413_791_999L;
    private static final long MAX_DATE_DAYS = 65_535;

    private ParquetConverters() {
    }

    /** The converter of {@code source} values into a builder of {@code target} (a scalar type, maybe Nullable). */
    static Converter of(PrimitiveType source, DataType target) {
        DataType base = target.unwrapNullable();
        if (base instanceof LowCardinalityType lowCardinality) {
            if (!ValueParser.isStringLike(base)) {
                return new TextConverter(source, target);
            }
            base = lowCardinality.inner().unwrapNullable();
        }
        base = base.behavesAs();
        LogicalTypeAnnotation logical = source.getLogicalTypeAnnotation();
        Converter direct = switch (source.getPrimitiveTypeName()) {
            case BOOLEAN -> base instanceof BoolType || base instanceof IntegerType
                    ? (reader, builder) -> append(builder, reader.getBoolean() ? 1 : 0) : null;
            case INT32, INT64 -> integer(source, logical, base);
            case INT96 -> timestamp(base, 9, true);
            case FLOAT, DOUBLE -> base instanceof FloatType floatType ? floating(source, floatType) : null;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(logical, target, base);
        };
        return direct != null ? direct : new TextConverter(source, target);
    }

    private static boolean append(ColumnBuilder builder, long value) {
        builder.appendLong(value);
        return true;
    }

    private static Converter integer(PrimitiveType source, LogicalTypeAnnotation logical, DataType base) {
        boolean int64 = source.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64;
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return decimal(decimal, base, int64 ? Kind.INT64 : Kind.INT32);
        }
        if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            return int64 ? timestamp(base, ParquetValueText.unitDigits(timestamp.getUnit()), false) : null;
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return days(base);
        }
        if (logical != null && !(logical instanceof IntLogicalTypeAnnotation)) {
            return null;
        }
        boolean unsigned64 = int64 && logical instanceof IntLogicalTypeAnnotation annotation && !annotation.isSigned();
        boolean unsigned32 = !int64 && logical instanceof IntLogicalTypeAnnotation annotation && !annotation.isSigned();
        return switch (base) {
            case IntegerType integer -> (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                if (!fits(value, unsigned64, integer)) {
                    return false;
                }
                builder.appendLong(value);
                return true;
            };
            case FloatType floatType -> (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                double number = unsigned64 && value < 0 ? unsignedToDouble(value) : (double) value;
                builder.appendDouble(floatType.bits() == 32 ? (double) (float) number : number);
                return true;
            };
            case DateType ignored -> unsigned64 ? null : (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                return value >= 0 && value <= MAX_DATE_DAYS && append(builder, value);
            };
            case Date32Type ignored -> unsigned64 ? null : (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                return value >= Date32Type.MIN_DAYS && value <= Date32Type.MAX_DAYS && append(builder, value);
            };
            case DateTimeType ignored -> unsigned64 ? null : (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                return value >= 0 && value <= MAX_DATETIME_SECONDS && append(builder, value);
            };
            case DateTime64Type dateTime64 -> unsigned64 ? null : (reader, builder) -> {
                long value = read(reader, int64, unsigned32);
                if (value < MIN_DATETIME64_SECONDS || value > MAX_DATETIME64_SECONDS) {
                    return false;
                }
                return append(builder, value * dateTime64.ticksPerSecond());
            };
            case DecimalType decimal -> unsigned64 ? null : decimal(null, decimal, int64 ? Kind.INT64 : Kind.INT32);
            default -> null;
        };
    }

    private static long read(ColumnReader reader, boolean int64, boolean unsigned32) {
        if (int64) {
            return reader.getLong();
        }
        int value = reader.getInteger();
        return unsigned32 ? Integer.toUnsignedLong(value) : value;
    }

    /** Whether {@code value} (unsigned when {@code unsigned64}) is within {@code type}'s range. */
    private static boolean fits(long value, boolean unsigned64, IntegerType type) {
        if (unsigned64) {
            return type.bits() == 64 ? !type.signed() || value >= 0
                    : value >= 0 && value <= type.maxValue();
        }
        if (!type.signed() && type.bits() == 64) {
            return value >= 0;
        }
        return value >= type.minValue() && value <= type.maxValue();
    }

    private static double unsignedToDouble(long value) {
        return (double) (value >>> 1) * 2.0 + (value & 1);
    }

    private static Converter floating(PrimitiveType source, FloatType target) {
        boolean single = target.bits() == 32;
        if (source.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT) {
            return (reader, builder) -> {
                builder.appendDouble(reader.getFloat());
                return true;
            };
        }
        return (reader, builder) -> {
            double value = reader.getDouble();
            builder.appendDouble(single ? (double) (float) value : value);
            return true;
        };
    }

    /** DATE (days) into Date and Date32; other targets through text ({@code YYYY-MM-DD}). */
    private static Converter days(DataType base) {
        if (base instanceof DateType) {
            return (reader, builder) -> {
                int days = reader.getInteger();
                return days >= 0 && days <= MAX_DATE_DAYS && append(builder, days);
            };
        }
        if (base instanceof Date32Type) {
            return (reader, builder) -> {
                int days = reader.getInteger();
                return days >= Date32Type.MIN_DAYS && days <= Date32Type.MAX_DAYS && append(builder, days);
            };
        }
        return null;
    }

    /** TIMESTAMP ticks of 10^-digits seconds (or INT96) into DateTime / DateTime64; null for other targets. */
    private static Converter timestamp(DataType base, int digits, boolean int96) {
        long perSecond = digits == 3 ? 1_000L : digits == 6 ? 1_000_000L : 1_000_000_000L;
        if (base instanceof DateTimeType) {
            return (reader, builder) -> {
                long ticks = int96 ? ParquetValueText.int96Nanos(reader.getBinary()) : reader.getLong();
                if (int96 && ticks == Long.MIN_VALUE) {
                    return false;
                }
                long seconds = ticks / perSecond;
                return seconds >= 0 && seconds <= MAX_DATETIME_SECONDS && append(builder, seconds);
            };
        }
        if (base instanceof DateTime64Type dateTime64) {
            int precision = dateTime64.precision();
            long factor = precision >= digits ? tenPower(precision - digits) : tenPower(digits - precision);
            boolean scaleUp = precision >= digits;
            long targetPerSecond = dateTime64.ticksPerSecond();
            return (reader, builder) -> {
                long ticks = int96 ? ParquetValueText.int96Nanos(reader.getBinary()) : reader.getLong();
                if (int96 && ticks == Long.MIN_VALUE) {
                    return false;
                }
                long seconds = Math.floorDiv(ticks, perSecond);
                if (seconds < MIN_DATETIME64_SECONDS || seconds > MAX_DATETIME64_SECONDS) {
                    return false;
                }
                long scaled = scaleUp ? ticks * factor : ticks / factor;
                long check = Math.floorDiv(scaled, targetPerSecond);
                return check >= MIN_DATETIME64_SECONDS && check <= MAX_DATETIME64_SECONDS && append(builder, scaled);
            };
        }
        return null;
    }

    private static long tenPower(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private enum Kind { INT32, INT64, BYTES }

    /** DECIMAL (or a plain integer, {@code source} null: scale 0) into Decimal or a float; null otherwise. */
    private static Converter decimal(DecimalLogicalTypeAnnotation source, DataType base, Kind kind) {
        int sourceScale = source == null ? 0 : source.getScale();
        if (base instanceof FloatType floatType) {
            double divisor = Math.pow(10, sourceScale);
            return (reader, builder) -> {
                double value = switch (kind) {
                    case INT32 -> reader.getInteger() / divisor;
                    case INT64 -> reader.getLong() / divisor;
                    case BYTES -> new java.math.BigDecimal(unscaled(reader.getBinary()), sourceScale).doubleValue();
                };
                builder.appendDouble(floatType.bits() == 32 ? (double) (float) value : value);
                return true;
            };
        }
        if (!(base instanceof DecimalType target)) {
            return null;
        }
        DecimalRescale rescale = new DecimalRescale(sourceScale, target);
        return (reader, builder) -> switch (kind) {
            case INT32 -> rescale.append(reader.getInteger(), builder);
            case INT64 -> rescale.append(reader.getLong(), builder);
            case BYTES -> rescale.append(reader.getBinary(), builder);
        };
    }

    /** Big-endian two's complement bytes as an integer. */
    static BigInteger unscaled(Binary binary) {
        byte[] bytes = binary.getBytes();
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    /** Byte arrays into string-like and FixedString columns; DECIMAL byte arrays; null otherwise. */
    private static Converter bytes(LogicalTypeAnnotation logical, DataType target, DataType base) {
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return decimal(decimal, base, Kind.BYTES);
        }
        if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
            return null;
        }
        if (ValueParser.isStringLike(target)) {
            return (reader, builder) -> {
                appendBinary(reader.getBinary(), builder);
                return true;
            };
        }
        if (base instanceof FixedStringType fixed) {
            int length = fixed.length();
            return (reader, builder) -> {
                Binary binary = reader.getBinary();
                if (binary.length() > length) {
                    return false;
                }
                appendBinary(binary, builder);
                return true;
            };
        }
        return null;
    }

    static void appendBinary(Binary binary, ColumnBuilder builder) {
        ByteBuffer buffer = binary.toByteBuffer();
        if (buffer.hasArray()) {
            builder.appendBytes(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            byte[] bytes = binary.getBytes();
            builder.appendBytes(bytes, 0, bytes.length);
        }
    }

    /** Through the value's text and {@link ValueParser}, exactly as the NDJSON path reads the value. */
    private static final class TextConverter implements Converter {
        private final PrimitiveType source;
        private final DataType target;
        private final boolean booleanAsDigit;
        private final ValueParser parser = new ValueParser();

        TextConverter(PrimitiveType source, DataType target) {
            this.source = source;
            this.target = target;
            DataType base = target.unwrapNullable();
            this.booleanAsDigit = source.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BOOLEAN
                    && !ValueParser.isStringLike(target) && !(base.behavesAs() instanceof BoolType);
        }

        @Override
        public boolean append(ColumnReader reader, ColumnBuilder builder) {
            String text = booleanAsDigit ? (reader.getBoolean() ? "1" : "0") : ParquetValueText.of(reader, source);
            if (ValueParser.isStringLike(target)) {
                builder.appendString(text);
                return true;
            }
            return parser.parseInto(target, text, builder);
        }
    }
}
