package io.starling.sql.format.parquet;

import io.starling.sql.QueryResult;
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
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
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
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.StringType;
import io.starling.storage.type.TupleType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a query result as one Parquet file (ZSTD pages), the {@code FORMAT Parquet} / {@code .parquet} output.
 * Types map as ClickHouse writes them where Parquet has a match:
 * <ul>
 *   <li>(U)Int8..64 → INT32/INT64 with INT(bits, signed); Bool → BOOLEAN; Float32/64 → FLOAT/DOUBLE;</li>
 *   <li>String → BINARY (UTF8); FixedString(N) → FIXED_LEN_BYTE_ARRAY(N); Decimal(P, S) → INT32 (P ≤ 9) or
 *       INT64 with DECIMAL(P, S), FIXED_LEN_BYTE_ARRAY(16) big-endian for P &gt; 18, FIXED_LEN_BYTE_ARRAY(32)
 *       for P &gt; 38;</li>
 *   <li>Date, Date32 → INT32 DATE; DateTime → INT64 TIMESTAMP(MILLIS, UTC); DateTime64(p) → INT64 TIMESTAMP in
 *       millis (p ≤ 3), micros (p ≤ 6) or nanos;</li>
 *   <li>Nullable(T) → optional T; LowCardinality(T) → T; Array(T) → LIST; Map(K, V) → MAP; Tuple → a group of
 *       its elements (named, else 1, 2, ...);</li>
 *   <li>anything else (UUID, IPv4/6, Enum, 128/256-bit integers, aggregate states) → BINARY (UTF8) text as
 *       TSVRaw shows it.</li>
 * </ul>
 */
public final class ParquetOutput {
    /** Rows per row group (the writer also cuts groups at 128 MB). */
    private static final int ROW_GROUP_ROWS = 1 << 20;

    private ParquetOutput() {
    }

    public static final String CONTENT_TYPE = "application/octet-stream";

    /** Writes {@code result} as a Parquet file to {@code out} (not closed). */
    public static void write(QueryResult result, OutputStream out) {
        write(result, out, CompressionCodecName.ZSTD);
    }

    /** Writes with the given page codec (GZIP, SNAPPY, ZSTD, LZ4_RAW or UNCOMPRESSED). */
    static void write(QueryResult result, OutputStream out, CompressionCodecName codec) {
        write(result, out, codec, ROW_GROUP_ROWS);
    }

    /** Writes with row groups of at most {@code rowGroupRows} rows (tests make files of many row groups). */
    static void write(QueryResult result, OutputStream out, CompressionCodecName codec, int rowGroupRows) {
        List<ColumnDefinition> columns = result.columns();
        if (columns.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "A Parquet file needs at least one column; select "
                    + "some columns");
        }
        List<Type> fields = new ArrayList<>(columns.size());
        List<String> seen = new ArrayList<>();
        for (ColumnDefinition column : columns) {
            String name = column.name();
            if (seen.contains(name)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The result has two columns named [" + name
                        + "]; give them distinct aliases for Parquet output");
            }
            seen.add(name);
            fields.add(parquetType(column.type(), name, false));
        }
        MessageType schema = new MessageType("schema", fields);
        BlockWriteSupport support = new BlockWriteSupport(schema, columns);
        try (ParquetWriter<Integer> writer = new Builder(new StreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(codec)
                .withRowGroupRowCountLimit(rowGroupRows)
                .build()) {
            for (Block block : result.blocks()) {
                support.block = block;
                for (int row = 0; row < block.rowCount(); row++) {
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Writing the Parquet output failed: "
                    + e.getMessage(), e);
        }
    }

    /** The Parquet field for a column of {@code type}. */
    static Type parquetType(DataType declared, String name, boolean inRepeated) {
        DataType type = declared.behavesAs();
        Type.Repetition repetition = Type.Repetition.REQUIRED;
        if (type instanceof LowCardinalityType lowCardinality) {
            type = lowCardinality.inner().behavesAs();
        }
        if (type instanceof NullableType nullable) {
            repetition = Type.Repetition.OPTIONAL;
            type = nullable.inner().behavesAs();
        }
        switch (type) {
            case ArrayType array -> {
                Type element = parquetType(array.element(), "element", true);
                return Types.list(repetition).element(element).named(name);
            }
            case MapType map -> {
                Type key = parquetType(map.key(), "key", true);
                if (key.isRepetition(Type.Repetition.OPTIONAL)) {
                    key = Types.primitive(key.asPrimitiveType().getPrimitiveTypeName(), Type.Repetition.REQUIRED)
                            .as(key.getLogicalTypeAnnotation()).named("key");
                }
                Type value = parquetType(map.value(), "value", true);
                GroupType entry = new GroupType(Type.Repetition.REPEATED, "key_value", key, value);
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType()).addField(entry).named(name);
            }
            case TupleType tuple -> {
                List<Type> members = new ArrayList<>();
                for (int i = 0; i < tuple.elements().size(); i++) {
                    members.add(parquetType(tuple.elements().get(i), tupleName(tuple, i), false));
                }
                return new GroupType(repetition, name, members);
            }
            default -> {
                return primitive(type, repetition).named(name);
            }
        }
    }

    private static String tupleName(TupleType tuple, int index) {
        return tuple.isNamed() ? tuple.names().get(index) : Integer.toString(index + 1);
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(DataType type,
                                                                                         Type.Repetition repetition) {
        return switch (type) {
            case IntegerType integer when integer.bits() <= 32 && integer.physical() == PhysicalKind.LONG ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.intType(integer.bits(), integer.signed()));
            case IntegerType integer when integer.bits() == 64 && integer.physical() == PhysicalKind.LONG ->
                    Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.intType(64, integer.signed()));
            case BoolType ignored -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case FloatType floating -> Types.primitive(floating.bits() == 32 ? PrimitiveTypeName.FLOAT
                    : PrimitiveTypeName.DOUBLE, repetition);
            case DateType ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case Date32Type ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case DateTimeType ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS));
            case DateTime64Type dateTime -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, unit(dateTime.precision())));
            case DecimalType decimal when decimal.is256() ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(32)
                            .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case DecimalType decimal when decimal.isWide() ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                            .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case DecimalType decimal -> Types.primitive(decimal.precision() <= 9 ? PrimitiveTypeName.INT32
                    : PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case FixedStringType fixed -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(fixed.length());
            default -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
        };
    }

    private static TimeUnit unit(int precision) {
        return precision <= 3 ? TimeUnit.MILLIS : precision <= 6 ? TimeUnit.MICROS : TimeUnit.NANOS;
    }

    private static int unitDigits(int precision) {
        return precision <= 3 ? 3 : precision <= 6 ? 6 : 9;
    }

    /** Writes row {@code record} of the current block; the block's columns are in result column order. */
    private static final class BlockWriteSupport extends WriteSupport<Integer> {
        private final MessageType schema;
        private final List<ColumnDefinition> columns;
        private final ByteSink text = new ByteSink();
        private final byte[] wideBytes = new byte[16];
        private final byte[] hugeBytes = new byte[32];
        private RecordConsumer consumer;
        Block block;

        BlockWriteSupport(MessageType schema, List<ColumnDefinition> columns) {
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
                        writeField(tupleName(tuple.type(), i), i, tuple.element(i), row);
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
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final BlockWriteSupport support;

        Builder(OutputFile file, BlockWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }

    /** An {@link OutputFile} over a stream: Parquet only appends, so a byte count is all the position it needs. */
    private record StreamOutputFile(OutputStream out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    position += length;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
