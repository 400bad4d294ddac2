package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.engine.ColumnDefinition;
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
import io.starling.storage.type.StringType;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * The Parquet {@link WriteSupport} of {@link ParquetOutput}: a record is a row number, written from the current
 * {@link #block} (whose columns are in result column order) as the schema {@link ParquetOutputSchema} built.
 */
final class ParquetBlockWriteSupport extends WriteSupport<Integer> {
    private final MessageType schema;
    private final List<ColumnDefinition> columns;
    private final ByteSink text = new ByteSink();
    private final byte[] wideBytes = new byte[16];
    private final byte[] hugeBytes = new byte[32];
    private RecordConsumer consumer;
    Block block;

    ParquetBlockWriteSupport(MessageType schema, List<ColumnDefinition> columns) {
        this.schema = schema;
        this.columns = columns;
    }

    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer record) {
        int row = record;
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            writeField(columns.get(i).name(), i, block.column(i), row);
        }
        consumer.endMessage();
    }

    private void writeField(String name, int index, Column column, int row) {
        if (column.isNull(row)) {
            return;
        }
        consumer.startField(name, index);
        writeValue(column, row);
        consumer.endField(name, index);
    }

    private void writeValue(Column column, int row) {
        switch (column) {
            case NullableColumn nullable -> writeValue(nullable.values(), row);
            case LowCardinalityColumn lowCardinality ->
                    writeValue(lowCardinality.dictionary(), lowCardinality.code(row));
            case ArrayColumn array -> writeArray(array, row);
            case MapColumn map -> writeMap(map, row);
            case TupleColumn tuple -> {
                consumer.startGroup();
                for (int i = 0; i < tuple.elements().size(); i++) {
                    writeField(ParquetOutputSchema.tupleName(tuple.type(), i), i, tuple.element(i), row);
                }
                consumer.endGroup();
            }
            case LongColumn longs -> writeLong(longs.type().behavesAs(), longs.getLong(row), column, row);
            case Int128Column wide -> {
                // Parquet decimals in fixed bytes are big-endian two's complement
                long high = wide.high(row);
                long low = wide.low(row);
                for (int i = 0; i < 8; i++) {
                    wideBytes[i] = (byte) (high >>> (56 - 8 * i));
                    wideBytes[8 + i] = (byte) (low >>> (56 - 8 * i));
                }
                consumer.addBinary(Binary.fromReusedByteArray(wideBytes, 0, 16));
            }
            case DoubleColumn doubles -> {
                if (doubles.type().behavesAs() instanceof FloatType floating && floating.bits() == 32) {
                    consumer.addFloat((float) doubles.getDouble(row));
                } else {
                    consumer.addDouble(doubles.getDouble(row));
                }
            }
            case StringColumn strings -> {
                DataType type = strings.type().behavesAs();
                if (type instanceof DecimalType) {
                    // Decimal256's encoding is big-endian two's complement with the sign bit flipped
                    System.arraycopy(strings.rawBytes(), strings.valueOffset(row), hugeBytes, 0, 32);
                    hugeBytes[0] ^= (byte) 0x80;
                    consumer.addBinary(Binary.fromReusedByteArray(hugeBytes, 0, 32));
                } else if (type instanceof StringType || type instanceof FixedStringType) {
                    consumer.addBinary(Binary.fromConstantByteArray(strings.rawBytes(), strings.valueOffset(row),
                            strings.valueLength(row)));
                } else {
                    writeText(column, row);
                }
            }
        }
    }

    private void writeLong(DataType type, long value, Column column, int row) {
        switch (type) {
            case IntegerType integer when integer.bits() <= 32 -> consumer.addInteger((int) value);
            case IntegerType ignored -> consumer.addLong(value);
            case BoolType ignored -> consumer.addBoolean(value != 0);
            case DateType ignored -> consumer.addInteger((int) value);
            case Date32Type ignored -> consumer.addInteger((int) value);
            case DateTimeType ignored -> consumer.addLong(value * 1000);
            case DateTime64Type dateTime -> {
                long scale = 1;
                for (int i = dateTime.precision(); i < unitDigits(dateTime.precision()); i++) {
                    scale *= 10;
                }
                consumer.addLong(value * scale);
            }
            case DecimalType decimal when decimal.precision() <= 9 -> consumer.addInteger((int) value);
            case DecimalType ignored -> consumer.addLong(value);
            default -> writeText(column, row);
        }
    }

    private void writeText(Column column, int row) {
        text.reset();
        ValueWriter.write(column, row, ValueWriter.Style.TEXT, text);
        consumer.addBinary(Binary.fromReusedByteArray(text.rawBytes(), 0, text.size()));
    }

    private void writeArray(ArrayColumn array, int row) {
        consumer.startGroup();
        int count = array.elementCount(row);
        if (count > 0) {
            Column elements = array.elements();
            int start = array.elementStart(row);
            consumer.startField("list", 0);
            for (int i = start; i < start + count; i++) {
                consumer.startGroup();
                writeField("element", 0, elements, i);
                consumer.endGroup();
            }
            consumer.endField("list", 0);
        }
        consumer.endGroup();
    }

    private void writeMap(MapColumn map, int row) {
        consumer.startGroup();
        int count = map.entryCount(row);
        if (count > 0) {
            int start = map.entryStart(row);
            consumer.startField("key_value", 0);
            for (int i = start; i < start + count; i++) {
                consumer.startGroup();
                consumer.startField("key", 0);
                writeValue(map.keys(), i);
                consumer.endField("key", 0);
                writeField("value", 1, map.values(), i);
                consumer.endGroup();
            }
            consumer.endField("key_value", 0);
        }
        consumer.endGroup();
    }

    private static int unitDigits(int precision) {
        return precision <= 3 ? 3 : precision <= 6 ? 6 : 9;
    }
}
