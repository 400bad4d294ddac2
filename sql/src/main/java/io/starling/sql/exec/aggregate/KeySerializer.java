package io.starling.sql.exec.aggregate;

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
import java.util.Arrays;

/**
 * Writes the key values of one row into a reusable byte buffer, so rows with equal keys get equal bytes:
 * integers as 8 bytes (Decimal128 as 16), strings as length plus bytes, a NULL flag before Nullable values, LowCardinality by value.
 * Not thread-safe; one per operator.
 */
public final class KeySerializer {
    private byte[] buffer = new byte[64];
    private int length;

    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public void serialize(Column[] keys, int row) {
        length = 0;
        for (Column key : keys) {
            write(key, row);
        }
    }

    private void write(Column column, int row) {
        switch (column) {
            case LongColumn longs -> writeLong(longs.getLong(row));
            case Int128Column wide -> {
                writeLong(wide.low(row));
                writeLong(wide.high(row));
            }
            case DoubleColumn doubles -> {
                double value = doubles.getDouble(row);
                writeLong(value == 0 ? 0 : Double.doubleToLongBits(value));
            }
            case StringColumn strings -> {
                int size = strings.valueLength(row);
                writeInt(size);
                ensure(size);
                System.arraycopy(strings.rawBytes(), strings.valueOffset(row), buffer, length, size);
                length += size;
            }
            case NullableColumn nullable -> {
                boolean isNull = nullable.isNull(row);
                ensure(1);
                buffer[length++] = (byte) (isNull ? 1 : 0);
                if (!isNull) {
                    write(nullable.values(), row);
                }
            }
            case LowCardinalityColumn lowCardinality -> write(lowCardinality.dictionary(), lowCardinality.code(row));
            case ArrayColumn array -> {
                int count = array.elementCount(row);
                writeInt(count);
                for (int i = 0; i < count; i++) {
                    write(array.elements(), array.elementStart(row) + i);
                }
            }
            case TupleColumn tuple -> {
                for (Column element : tuple.elements()) {
                    write(element, row);
                }
            }
            case MapColumn map -> {
                int count = map.entryCount(row);
                writeInt(count);
                for (int i = 0; i < count; i++) {
                    write(map.keys(), map.entryStart(row) + i);
                    write(map.values(), map.entryStart(row) + i);
                }
            }
        }
    }

    private void writeLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (value >>> (i * 8));
        }
    }

    private void writeInt(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (value >>> (i * 8));
        }
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + extra, buffer.length * 2));
        }
    }
}
