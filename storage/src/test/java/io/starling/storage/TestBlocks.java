package io.starling.storage;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.NullableColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.MapColumnBuilder;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.column.TupleColumnBuilder;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.MapType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;

/** Builds blocks from Java values and turns blocks back into Java values, for assertions. */
public final class TestBlocks {
    private TestBlocks() {
    }

    /** {@code "id Int64", "name String"} to column definitions. */
    public static List<ColumnDefinition> columns(String... specs) {
        List<ColumnDefinition> result = new ArrayList<>();
        for (String spec : specs) {
            int space = spec.indexOf(' ');
            result.add(new ColumnDefinition(spec.substring(0, space), DataTypes.parse(spec.substring(space + 1))));
        }
        return result;
    }

    public static Block block(List<ColumnDefinition> columns, List<List<Object>> rows) {
        List<Column> built = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnBuilder builder = ColumnBuilder.forType(columns.get(c).type(), rows.size());
            for (List<Object> row : rows) {
                append(builder, columns.get(c).type(), row.get(c));
            }
            built.add(builder.build());
        }
        return new Block(built, rows.size());
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    public static void append(ColumnBuilder builder, DataType type, Object value) {
        if (value == null) {
            builder.appendNull();
            return;
        }
        if (builder instanceof NullableColumnBuilder nullable && type.unwrapNullable() instanceof ArrayType) {
            nullable.markNotNull();
            append(nullable.valuesBuilder(), type.unwrapNullable(), value);
            return;
        }
        if (builder instanceof ArrayColumnBuilder array) {
            DataType element = ((ArrayType) type).element();
            for (Object item : (List<?>) value) {
                append(array.elements(), element, item);
            }
            array.closeArray();
            return;
        }
        if (builder instanceof TupleColumnBuilder tuple) {
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                append(tuple.element(i), ((TupleType) type).elements().get(i), items.get(i));
            }
            tuple.closeTuple();
            return;
        }
        if (builder instanceof MapColumnBuilder map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                append(map.keys(), ((MapType) type).key(), entry.getKey());
                append(map.values(), ((MapType) type).value(), entry.getValue());
            }
            map.closeMap();
            return;
        }
        if (value instanceof String hex && (type.unwrapNullable() instanceof UuidType || type.unwrapNullable() instanceof Ipv6Type)) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            builder.appendBytes(bytes, 0, bytes.length);
            return;
        }
        switch (value) {
            case java.math.BigDecimal decimal when type.unwrapNullable().behavesAs()
                    instanceof io.starling.storage.type.DecimalType target && target.is256() -> {
                io.starling.storage.column.Int256 register = new io.starling.storage.column.Int256();
                if (!register.set(decimal.setScale(target.scale()).unscaledValue())) {
                    throw new IllegalArgumentException("Decimal " + decimal + " does not fit 256 bits");
                }
                register.appendTo(builder);
            }
            case java.math.BigDecimal decimal -> {
                java.math.BigInteger unscaled = decimal.unscaledValue();
                builder.appendInt128(unscaled.shiftRight(64).longValue(), unscaled.longValue());
            }
            case Long number -> builder.appendLong(number);
            case Integer number -> builder.appendLong(number);
            case Double number -> builder.appendDouble(number);
            case String text -> builder.appendString(text);
            case Boolean flag -> builder.appendLong(flag ? 1 : 0);
            default -> throw new IllegalArgumentException("Cannot append " + value.getClass());
        }
    }

    public static Object value(Column column, int row) {
        if (column.isNull(row)) {
            return null;
        }
        return switch (column) {
            case LongColumn longs -> longs.getLong(row);
            case Int128Column wide -> new java.math.BigDecimal(java.math.BigInteger.valueOf(wide.high(row)).shiftLeft(64)
                    .add(new java.math.BigInteger(Long.toUnsignedString(wide.low(row)))),
                    ((io.starling.storage.type.DecimalType) wide.type().behavesAs()).scale());
            case DoubleColumn doubles -> doubles.getDouble(row);
            case StringColumn strings when strings.type().behavesAs() instanceof io.starling.storage.type.DecimalType decimal ->
                    new java.math.BigDecimal(new io.starling.storage.column.Int256().read(strings, row).toBigInteger(),
                            decimal.scale());
            case StringColumn strings -> strings.type() instanceof UuidType || strings.type() instanceof Ipv6Type
                    ? HexFormat.of().formatHex(strings.getBytes(row)) : strings.getString(row);
            case LowCardinalityColumn dictionary -> value(dictionary.dictionary(), dictionary.code(row));
            case NullableColumn nullable -> value(nullable.values(), row);
            case ArrayColumn array -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < array.elementCount(row); i++) {
                    items.add(value(array.elements(), array.elementStart(row) + i));
                }
                yield items;
            }
            case TupleColumn tuple -> {
                List<Object> items = new ArrayList<>();
                for (Column element : tuple.elements()) {
                    items.add(value(element, row));
                }
                yield items;
            }
            case MapColumn map -> {
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < map.entryCount(row); i++) {
                    entries.put(value(map.keys(), map.entryStart(row) + i), value(map.values(), map.entryStart(row) + i));
                }
                yield entries;
            }
        };
    }

    public static List<List<Object>> rows(Block block) {
        List<List<Object>> result = new ArrayList<>();
        for (int row = 0; row < block.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (Column column : block.columns()) {
                values.add(value(column, row));
            }
            result.add(values);
        }
        return result;
    }

    /** Drains a stream (and closes it). */
    public static List<List<Object>> drain(BlockStream stream) {
        List<List<Object>> result = new ArrayList<>();
        try (stream) {
            Block block;
            while ((block = stream.next()) != null) {
                result.addAll(rows(block));
            }
        }
        return result;
    }
}
