package io.starling.storage.codec;

import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.MapColumn;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.EnumType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NothingType;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Uncompressed binary form of a column, by physical kind (all integers little endian). The row count is not
 * written: the reader knows it from the marks or the block header.
 *
 * <ul>
 *   <li>LONG: one value per row at the type's width ({@link #width}): Int8/UInt8/Bool 1 byte, Int16/UInt16/Date 2,
 *       Int32/UInt32/DateTime 4, Int64/UInt64/DateTime64 8.</li>
 *   <li>INT128 (Decimal(P, S) with P in 19..38, unscaled): 16 bytes per row, the low 8 bytes then the high 8
 *       bytes, each little endian (the whole value little endian, as ClickHouse's Decimal128).</li>
 *   <li>DOUBLE: Float32 as IEEE float (4 bytes), Float64 as double (8 bytes).</li>
 *   <li>BYTES (String): u32 length per row, then all value bytes concatenated.</li>
 *   <li>DICTIONARY (LowCardinality): u32 dictionary size d, the dictionary as a column of the inner type with d
 *       rows, a u8 code width (1, 2 or 4), then one unsigned code per row. Only the dictionary entries the rows
 *       use are written.</li>
 *   <li>NULLABLE: one byte per row (1 = NULL), then the values as a column of the inner type.</li>
 *   <li>ARRAY: u32 element count per row, then all elements as one column of the element type.</li>
 *   <li>Other LONG types: Date32 4 bytes, Decimal(P &lt;= 9) 4 and Decimal(P &lt;= 18) 8 (unscaled), Enum8 1 and
 *       Enum16 2 (codes), IPv4 4 (unsigned), Nothing 1.</li>
 *   <li>Fixed-width BYTES (FixedString(N), UUID, IPv6): exactly N (16) bytes per row, no lengths. Decimal256
 *       (Decimal(P, S) with P in 39..76) likewise 32 bytes per row: the unscaled 256-bit value big endian with its
 *       sign bit flipped ({@code io.starling.storage.column.Int256}'s order-preserving encoding, which differs
 *       from ClickHouse's little-endian Decimal256 bytes).
 *       AggregateFunction states are written like String.</li>
 *   <li>TUPLE: each element as a column, in order.</li>
 *   <li>MAP: u32 entry count per row, then all keys as one column, then all values as one column.</li>
 *   <li>SimpleAggregateFunction(f, T): exactly as T.</li>
 * </ul>
 *
 * Stateless and thread-safe. Loops run over primitive arrays.
 */
public final class ColumnSerializer {
    private ColumnSerializer() {
    }

    /** Bytes per value of a LONG-kind type. */
    public static int width(DataType type) {
        return switch (type.behavesAs()) {
            case IntegerType integer -> integer.bits() / 8;
            case BoolType bool -> 1;
            case DateType date -> 2;
            case DateTimeType dateTime -> 4;
            case DateTime64Type dateTime64 -> 8;
            case Date32Type date32 -> 4;
            case DecimalType decimal -> decimal.precision() <= 9 ? 4 : 8;
            case EnumType enumType -> enumType.bits() / 8;
            case Ipv4Type ipv4 -> 4;
            case NothingType nothing -> 1;
            default -> throw new IllegalArgumentException("Type [" + type.name() + "] is not held in a LongColumn");
        };
    }

    private static boolean signed(DataType type) {
        return switch (type.behavesAs()) {
            case IntegerType integer -> integer.signed();
            case DateTime64Type dateTime64 -> true;
            case Date32Type date32 -> true;
            case DecimalType decimal -> true;
            case EnumType enumType -> true;
            default -> false;
        };
    }

    public static void write(Column column, ByteSink sink) {
        switch (column) {
            case LongColumn longs -> sink.writeLongs(longs.rawValues(), longs.rawOffset(), longs.size(), width(longs.type()));
            case Int128Column wide -> writeInt128(wide, sink);
            case DoubleColumn doubles -> writeDoubles(doubles, sink);
            case StringColumn strings -> writeStrings(strings, sink);
            case LowCardinalityColumn dictionary -> writeDictionary(dictionary, sink);
            case NullableColumn nullable -> writeNullable(nullable, sink);
            case ArrayColumn array -> writeArray(array, sink);
            case TupleColumn tuple -> {
                for (Column element : tuple.elements()) {
                    write(element, sink);
                }
            }
            case MapColumn map -> writeMap(map, sink);
        }
    }

    public static Column read(DataType type, ByteSource source, int rows) {
        return switch (type.physical()) {
            case LONG -> {
                long[] values = new long[rows];
                source.readLongs(values, rows, width(type), signed(type));
                yield new LongColumn(type, values);
            }
            case INT128 -> readInt128(type, source, rows);
            case DOUBLE -> readDoubles(type, source, rows);
            case BYTES -> readStrings(type, source, rows);
            case DICTIONARY -> readDictionary((LowCardinalityType) type, source, rows);
            case NULLABLE -> readNullable((NullableType) type, source, rows);
            case ARRAY -> readArray((ArrayType) type, source, rows);
            case TUPLE -> readTuple((TupleType) type, source, rows);
            case MAP -> readMap((MapType) type, source, rows);
        };
    }

    private static void writeInt128(Int128Column column, ByteSink sink) {
        long[] high = column.rawHigh();
        long[] low = column.rawLow();
        int offset = column.rawOffset();
        int rows = column.size();
        sink.ensure(rows * 16);
        for (int i = 0; i < rows; i++) {
            sink.writeLong(low[offset + i]);
            sink.writeLong(high[offset + i]);
        }
    }

    private static Column readInt128(DataType type, ByteSource source, int rows) {
        if ((long) rows * 16 > source.remaining()) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, rows + " values of [" + type.name() + "] need "
                    + (long) rows * 16 + " bytes but only " + source.remaining() + " remain; the data is corrupt");
        }
        long[] high = new long[rows];
        long[] low = new long[rows];
        for (int i = 0; i < rows; i++) {
            low[i] = source.readLong();
            high[i] = source.readLong();
        }
        return new Int128Column(type, high, low);
    }

    private static void writeDoubles(DoubleColumn column, ByteSink sink) {
        double[] values = column.rawValues();
        int offset = column.rawOffset();
        int rows = column.size();
        if (((FloatType) column.type()).bits() == 32) {
            sink.ensure(rows * 4);
            for (int i = 0; i < rows; i++) {
                sink.writeInt(Float.floatToRawIntBits((float) values[offset + i]));
            }
        } else {
            sink.ensure(rows * 8);
            for (int i = 0; i < rows; i++) {
                sink.writeLong(Double.doubleToRawLongBits(values[offset + i]));
            }
        }
    }

    private static Column readDoubles(DataType type, ByteSource source, int rows) {
        double[] values = new double[rows];
        if (((FloatType) type).bits() == 32) {
            for (int i = 0; i < rows; i++) {
                values[i] = Float.intBitsToFloat(source.readInt());
            }
        } else {
            for (int i = 0; i < rows; i++) {
                values[i] = Double.longBitsToDouble(source.readLong());
            }
        }
        return new DoubleColumn(type, values);
    }

    private static void writeStrings(StringColumn column, ByteSink sink) {
        int rows = column.size();
        int fixedWidth = DataTypes.fixedByteWidth(column.type());
        if (fixedWidth >= 0) {
            // Fixed-width values: exactly fixedWidth bytes each, no lengths.
            sink.ensure(rows * fixedWidth);
            for (int i = 0; i < rows; i++) {
                int length = column.valueLength(i);
                if (length != fixedWidth) {
                    throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Value of " + length + " bytes in a column of ["
                            + column.type().name() + "] must be exactly " + fixedWidth + " bytes");
                }
                sink.writeBytes(column.rawBytes(), column.valueOffset(i), fixedWidth);
            }
            return;
        }
        sink.ensure(rows * 4);
        for (int i = 0; i < rows; i++) {
            sink.writeInt(column.valueLength(i));
        }
        if (rows > 0) {
            int start = column.valueOffset(0);
            int end = column.valueOffset(rows - 1) + column.valueLength(rows - 1);
            sink.writeBytes(column.rawBytes(), start, end - start);
        }
    }

    private static Column readStrings(DataType type, ByteSource source, int rows) {
        int fixedWidth = DataTypes.fixedByteWidth(type);
        if (fixedWidth >= 0) {
            return readFixedStrings(type, fixedWidth, source, rows);
        }
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            int length = source.readCount("string bytes");
            total += length;
            if (total > source.remaining()) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "String lengths add up to " + total
                        + " bytes but only " + source.remaining() + " remain; the data is corrupt");
            }
            offsets[i + 1] = (int) total;
        }
        byte[] bytes = source.readByteArray((int) total);
        return new StringColumn(type, bytes, offsets, 0, rows);
    }

    private static Column readFixedStrings(DataType type, int width, ByteSource source, int rows) {
        long total = (long) width * rows;
        if (total > source.remaining()) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, rows + " values of [" + type.name() + "] need " + total
                    + " bytes but only " + source.remaining() + " remain; the data is corrupt");
        }
        byte[] bytes = source.readByteArray((int) total);
        int[] offsets = new int[rows + 1];
        for (int i = 1; i <= rows; i++) {
            offsets[i] = offsets[i - 1] + width;
        }
        return new StringColumn(type, bytes, offsets, 0, rows);
    }

    private static Column readTuple(TupleType type, ByteSource source, int rows) {
        List<Column> elements = new ArrayList<>(type.elements().size());
        for (DataType element : type.elements()) {
            elements.add(read(element, source, rows));
        }
        return new TupleColumn(type, elements, rows);
    }

    private static void writeMap(MapColumn column, ByteSink sink) {
        int rows = column.size();
        sink.ensure(rows * 4);
        for (int i = 0; i < rows; i++) {
            sink.writeInt(column.entryCount(i));
        }
        int first = rows == 0 ? 0 : column.entryStart(0);
        int last = rows == 0 ? 0 : column.entryStart(rows - 1) + column.entryCount(rows - 1);
        write(column.keys().region(first, last - first), sink);
        write(column.values().region(first, last - first), sink);
    }

    private static Column readMap(MapType type, ByteSource source, int rows) {
        int[] offsets = readCounts(source, rows, "map entries");
        int total = offsets[rows];
        Column keys = read(type.key(), source, total);
        Column values = read(type.value(), source, total);
        return new MapColumn(type, offsets, keys, values, 0, rows);
    }

    private static int[] readCounts(ByteSource source, int rows, String what) {
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            total += source.readCount(what);
            if (total > Integer.MAX_VALUE - 16) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Counts of " + what + " add up to " + total
                        + "; the data is corrupt");
            }
            offsets[i + 1] = (int) total;
        }
        return offsets;
    }

    private static void writeDictionary(LowCardinalityColumn column, ByteSink sink) {
        int rows = column.size();
        int[] codes = column.rawCodes();
        int offset = column.rawOffset();
        Column dictionary = column.dictionary();
        int dictionarySize = dictionary.size();
        int[] localCodes;
        Column localDictionary;
        if (dictionarySize <= Math.max(16, rows)) {
            localDictionary = dictionary;
            localCodes = Arrays.copyOfRange(codes, offset, offset + rows);
        } else {
            // Large shared dictionary: keep only the entries these rows use, in code order.
            int[] used = Arrays.copyOfRange(codes, offset, offset + rows);
            Arrays.sort(used);
            int distinct = 0;
            for (int i = 0; i < rows; i++) {
                if (i == 0 || used[i] != used[i - 1]) {
                    used[distinct++] = used[i];
                }
            }
            localDictionary = dictionary.select(used, distinct);
            localCodes = new int[rows];
            for (int i = 0; i < rows; i++) {
                localCodes[i] = Arrays.binarySearch(used, 0, distinct, codes[offset + i]);
            }
        }
        int size = localDictionary.size();
        sink.writeInt(size);
        write(localDictionary, sink);
        int codeWidth = size <= 0x100 ? 1 : size <= 0x10000 ? 2 : 4;
        sink.writeByte(codeWidth);
        switch (codeWidth) {
            case 1 -> {
                sink.ensure(rows);
                for (int i = 0; i < rows; i++) {
                    sink.writeByte(localCodes[i]);
                }
            }
            case 2 -> {
                sink.ensure(rows * 2);
                for (int i = 0; i < rows; i++) {
                    sink.writeShort(localCodes[i]);
                }
            }
            default -> sink.writeInts(localCodes, 0, rows);
        }
    }

    private static Column readDictionary(LowCardinalityType type, ByteSource source, int rows) {
        int size = source.readCount("dictionary entries");
        Column dictionary = read(type.inner(), source, size);
        int codeWidth = source.readUnsignedByte();
        int[] codes = new int[rows];
        switch (codeWidth) {
            case 1 -> {
                for (int i = 0; i < rows; i++) {
                    codes[i] = source.readUnsignedByte();
                }
            }
            case 2 -> {
                for (int i = 0; i < rows; i++) {
                    codes[i] = source.readUnsignedShort();
                }
            }
            case 4 -> source.readInts(codes, 0, rows);
            default -> throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Dictionary code width [" + codeWidth
                    + "] is not 1, 2 or 4; the data is corrupt");
        }
        for (int i = 0; i < rows; i++) {
            if (codes[i] < 0 || codes[i] >= size) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Dictionary code [" + codes[i]
                        + "] is outside a dictionary of " + size + " entries; the data is corrupt");
            }
        }
        return new LowCardinalityColumn(type, dictionary, codes, 0, rows);
    }

    private static void writeNullable(NullableColumn column, ByteSink sink) {
        int rows = column.size();
        boolean[] nulls = column.rawNulls();
        int offset = column.rawOffset();
        sink.ensure(rows);
        for (int i = 0; i < rows; i++) {
            sink.writeByte(nulls[offset + i] ? 1 : 0);
        }
        write(column.values(), sink);
    }

    private static Column readNullable(NullableType type, ByteSource source, int rows) {
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            nulls[i] = source.readByte() != 0;
        }
        Column values = read(type.inner(), source, rows);
        return new NullableColumn(type, values, nulls, 0);
    }

    private static void writeArray(ArrayColumn column, ByteSink sink) {
        int rows = column.size();
        sink.ensure(rows * 4);
        for (int i = 0; i < rows; i++) {
            sink.writeInt(column.elementCount(i));
        }
        int first = rows == 0 ? 0 : column.elementStart(0);
        int last = rows == 0 ? 0 : column.elementStart(rows - 1) + column.elementCount(rows - 1);
        write(column.elements().region(first, last - first), sink);
    }

    private static Column readArray(ArrayType type, ByteSource source, int rows) {
        int[] offsets = new int[rows + 1];
        long total = 0;
        for (int i = 0; i < rows; i++) {
            total += source.readCount("array elements");
            if (total > Integer.MAX_VALUE - 16) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Array element counts add up to " + total
                        + "; the data is corrupt");
            }
            offsets[i + 1] = (int) total;
        }
        Column elements = read(type.element(), source, (int) total);
        return new ArrayColumn(type, offsets, elements, 0, rows);
    }
}
