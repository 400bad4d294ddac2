package io.starling.sql.function.aggregate.state;

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
import io.starling.storage.type.DataType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.TupleType;

/**
 * The binary form of one value inside a state: integers (and everything held as a 64-bit integer: dates, decimals,
 * enums) are 8 bytes little-endian, Decimal128 16 (low word first); floats their 8-byte IEEE bits; strings a VarUInt length and the bytes;
 * Nullable a byte (1 = NULL) then the value if not NULL; LowCardinality(T) as T; Array and Map a VarUInt count then
 * the elements (key, value pairs for maps); Tuple its elements in order.
 */
public final class ValueCodec {
    private ValueCodec() {
    }

    public static void write(Column column, int row, StateOutput out) {
        switch (column) {
            case LongColumn longs -> out.writeLong(longs.getLong(row));
            case Int128Column wide -> {
                out.writeLong(wide.low(row));
                out.writeLong(wide.high(row));
            }
            case DoubleColumn doubles -> out.writeDouble(doubles.getDouble(row));
            case StringColumn strings -> out.writeSized(strings.rawBytes(), strings.valueOffset(row),
                    strings.valueLength(row));
            case NullableColumn nullable -> {
                boolean isNull = nullable.isNull(row);
                out.writeByte(isNull ? 1 : 0);
                if (!isNull) {
                    write(nullable.values(), row, out);
                }
            }
            case LowCardinalityColumn low -> {
                if (low.type() instanceof LowCardinalityType type && type.inner().isNullable()) {
                    boolean isNull = low.isNull(row);
                    out.writeByte(isNull ? 1 : 0);
                    if (isNull) {
                        return;
                    }
                    write(unwrapNullable(low.dictionary()), low.code(row), out);
                } else {
                    write(low.dictionary(), low.code(row), out);
                }
            }
            case ArrayColumn array -> {
                int count = array.elementCount(row);
                out.writeVarUInt(count);
                for (int i = 0; i < count; i++) {
                    write(array.elements(), array.elementStart(row) + i, out);
                }
            }
            case TupleColumn tuple -> {
                for (Column element : tuple.elements()) {
                    write(element, row, out);
                }
            }
            case MapColumn map -> {
                int count = map.entryCount(row);
                out.writeVarUInt(count);
                for (int i = 0; i < count; i++) {
                    write(map.keys(), map.entryStart(row) + i, out);
                    write(map.values(), map.entryStart(row) + i, out);
                }
            }
        }
    }

    private static Column unwrapNullable(Column column) {
        return column instanceof NullableColumn nullable ? nullable.values() : column;
    }

    /** Reads one value of {@code builder}'s type and appends it. */
    public static void read(StateInput in, ColumnBuilder builder) {
        read(in, builder, builder.type());
    }

    private static void read(StateInput in, ColumnBuilder builder, DataType type) {
        if (type instanceof NullableType nullable) {
            if (in.readByte() != 0) {
                builder.appendNull();
            } else if (builder instanceof NullableColumnBuilder nullableBuilder) {
                nullableBuilder.markNotNull();
                read(in, nullableBuilder.valuesBuilder(), nullable.inner());
            } else {
                read(in, builder, nullable.inner());
            }
            return;
        }
        if (type instanceof LowCardinalityType low) {
            if (low.inner().isNullable() && in.readByte() != 0) {
                builder.appendNull();
                return;
            }
            readScalar(in, builder, low.inner().unwrapNullable().physical());
            return;
        }
        switch (type.physical()) {
            case ARRAY -> {
                ArrayColumnBuilder arrays = (ArrayColumnBuilder) builder;
                int count = in.readCount();
                for (int i = 0; i < count; i++) {
                    read(in, arrays.elements());
                }
                arrays.closeArray();
            }
            case TUPLE -> {
                TupleColumnBuilder tuple = (TupleColumnBuilder) builder;
                int elements = ((TupleType) type.behavesAs()).elements().size();
                for (int i = 0; i < elements; i++) {
                    read(in, tuple.element(i));
                }
                tuple.closeTuple();
            }
            case MAP -> {
                MapColumnBuilder map = (MapColumnBuilder) builder;
                int count = in.readCount();
                for (int i = 0; i < count; i++) {
                    read(in, map.keys());
                    read(in, map.values());
                }
                map.closeMap();
            }
            default -> readScalar(in, builder, type.physical());
        }
    }

    private static void readScalar(StateInput in, ColumnBuilder builder, PhysicalKind kind) {
        switch (kind) {
            case LONG -> builder.appendLong(in.readLong());
            case INT128 -> {
                long low = in.readLong();
                builder.appendInt128(in.readLong(), low);
            }
            case DOUBLE -> builder.appendDouble(in.readDouble());
            case BYTES -> {
                int length = in.readCount();
                int start = in.skip(length);
                builder.appendBytes(in.rawBytes(), start, length);
            }
            default -> throw new IllegalStateException("Unexpected physical kind " + kind);
        }
    }
}
