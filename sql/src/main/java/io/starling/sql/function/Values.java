package io.starling.sql.function;

import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.NullableColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.column.TupleColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between single values and columns: constants are {@link Long}, {@link Double}, {@link String},
 * {@link List} (arrays and tuples), {@link Map} (maps), {@link java.math.BigInteger} (Decimal128 and Decimal256 unscaled values), {@code byte[]} (UUID, IPv6, strings that are not valid
 * UTF-8) or null. Used for constants and folding, never per row on hot paths.
 */
public final class Values {
    private Values() {
    }

    /** A column of {@code rows} copies of {@code value}. */
    public static Column repeat(DataType type, Object value, int rows) {
        ColumnBuilder builder = ColumnBuilder.forType(type, rows);
        for (int i = 0; i < rows; i++) {
            append(builder, value);
        }
        return builder.build();
    }

    public static void append(ColumnBuilder builder, Object value) {
        if (value == null) {
            builder.appendNull();
            return;
        }
        DataType type = builder.type();
        if (type.physical() == PhysicalKind.NULLABLE && type.unwrapNullable() instanceof ArrayType) {
            NullableColumnBuilder nullable = (NullableColumnBuilder) builder;
            nullable.markNotNull();
            append(nullable.valuesBuilder(), value);
            return;
        }
        if (builder instanceof ArrayColumnBuilder arrays) {
            for (Object element : (List<?>) value) {
                append(arrays.elements(), element);
            }
            arrays.closeArray();
            return;
        }
        if (builder instanceof TupleColumnBuilder tuple) {
            List<?> elements = (List<?>) value;
            for (int i = 0; i < elements.size(); i++) {
                append(tuple.element(i), elements.get(i));
            }
            tuple.closeTuple();
            return;
        }
        if (builder instanceof MapColumnBuilder map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                append(map.keys(), entry.getKey());
                append(map.values(), entry.getValue());
            }
            map.closeMap();
            return;
        }
        if (value instanceof Number number && Types.base(type) instanceof io.starling.storage.type.DecimalType decimal
                && decimal.is256()) {
            io.starling.storage.column.Int256 register = new io.starling.storage.column.Int256();
            if (!(number instanceof java.math.BigInteger big ? register.set(big) : register.set(number.longValue()) != null)) {
                throw new IllegalArgumentException("Value [" + number + "] does not fit [" + decimal.name() + "]");
            }
            register.appendTo(builder);
            return;
        }
        if (value instanceof byte[] bytes) {
            builder.appendBytes(bytes, 0, bytes.length);
            return;
        }
        PhysicalKind kind = physicalOf(type);
        switch (kind) {
            case LONG -> builder.appendLong(((Number) value).longValue());
            case INT128 -> {
                if (value instanceof java.math.BigInteger big) {
                    builder.appendInt128(big.shiftRight(64).longValue(), big.longValue());
                } else {
                    builder.appendLong(((Number) value).longValue());
                }
            }
            case DOUBLE -> builder.appendDouble(((Number) value).doubleValue());
            default -> builder.appendString(value.toString());
        }
    }

    private static PhysicalKind physicalOf(DataType type) {
        DataType base = Types.base(type);
        return base.physical();
    }

    /** The value at {@code row} as a constant object. */
    public static Object get(Column column, int row) {
        if (column.isNull(row)) {
            return null;
        }
        return switch (column) {
            case LongColumn longs -> longs.getLong(row);
            case Int128Column wide -> java.math.BigInteger.valueOf(wide.high(row)).shiftLeft(64)
                    .or(new java.math.BigInteger(Long.toUnsignedString(wide.low(row))));
            case DoubleColumn doubles -> doubles.getDouble(row);
            case StringColumn strings when io.starling.sql.function.conversion.Decimal256Casts.is256(strings.type()) ->
                    new io.starling.storage.column.Int256().read(strings, row).toBigInteger();
            case StringColumn strings -> DataTypes.fixedByteWidth(strings.type()) == 16
                    && !(strings.type().behavesAs() instanceof FixedStringType)
                    ? strings.getBytes(row) : textOrBytes(strings.getBytes(row));
            case NullableColumn nullable -> get(nullable.values(), row);
            case LowCardinalityColumn lowCardinality -> get(lowCardinality.dictionary(), lowCardinality.code(row));
            case ArrayColumn array -> {
                List<Object> elements = new ArrayList<>(array.elementCount(row));
                for (int i = 0; i < array.elementCount(row); i++) {
                    elements.add(get(array.elements(), array.elementStart(row) + i));
                }
                yield elements;
            }
            case TupleColumn tuple -> {
                List<Object> elements = new ArrayList<>(tuple.elements().size());
                for (Column element : tuple.elements()) {
                    elements.add(get(element, row));
                }
                yield elements;
            }
            case MapColumn map -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < map.entryCount(row); i++) {
                    entries.put(get(map.keys(), map.entryStart(row) + i), get(map.values(), map.entryStart(row) + i));
                }
                yield entries;
            }
        };
    }

    /** The bytes as a String when they are valid UTF-8, else the bytes themselves (binary values such as MD5). */
    private static Object textOrBytes(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }
}
