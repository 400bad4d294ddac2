package io.starling.sql.function;

import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;

/**
 * A function argument during evaluation: a column, or a constant held as a one-row column that stands for
 * every row ({@code constant}). Kernels read rows through {@link #row(int)} or specialise on constants.
 */
public record Operand(Column column, boolean constant) {

    public static Operand of(Column column) {
        return new Operand(column, false);
    }

    public static Operand constant(Column oneRow) {
        return new Operand(oneRow, true);
    }

    public DataType type() {
        return column.type();
    }

    /** The column row that holds logical row {@code row}. */
    public int row(int row) {
        return constant ? 0 : row;
    }

    public long getLong(int row) {
        return ((LongColumn) column).getLong(constant ? 0 : row);
    }

    public double getDouble(int row) {
        return ((DoubleColumn) column).getDouble(constant ? 0 : row);
    }

    public StringColumn strings() {
        return (StringColumn) column;
    }

    public boolean isNull(int row) {
        return column.isNull(constant ? 0 : row);
    }

    /** The values as a full long array of {@code rows} entries (longs, or doubles truncated). */
    public long[] longs(int rows) {
        long[] out = new long[rows];
        if (column instanceof LongColumn longs) {
            if (constant) {
                java.util.Arrays.fill(out, longs.getLong(0));
            } else {
                System.arraycopy(longs.rawValues(), longs.rawOffset(), out, 0, rows);
            }
            return out;
        }
        DoubleColumn doubles = (DoubleColumn) column;
        for (int i = 0; i < rows; i++) {
            out[i] = (long) doubles.getDouble(constant ? 0 : i);
        }
        return out;
    }

    /** The values as a full double array of {@code rows} entries (UInt64 read unsigned). */
    public double[] doubles(int rows) {
        double[] out = new double[rows];
        if (column instanceof DoubleColumn doubles) {
            if (constant) {
                java.util.Arrays.fill(out, doubles.getDouble(0));
            } else {
                System.arraycopy(doubles.rawValues(), doubles.rawOffset(), out, 0, rows);
            }
            return out;
        }
        LongColumn longs = (LongColumn) column;
        DataType type = longs.type();
        if (constant) {
            java.util.Arrays.fill(out, Types.toDouble(longs.getLong(0), type));
            return out;
        }
        long[] raw = longs.rawValues();
        int offset = longs.rawOffset();
        boolean unsigned = Types.isUnsigned64(type);
        for (int i = 0; i < rows; i++) {
            long value = raw[offset + i];
            out[i] = unsigned ? Types.toDouble(value, type) : value;
        }
        return out;
    }

    /** A column with {@code rows} rows: the column itself, or the constant repeated. */
    public Column full(int rows) {
        if (!constant || column.size() == rows) {
            return column;
        }
        return column.select(new int[rows], rows);
    }
}
