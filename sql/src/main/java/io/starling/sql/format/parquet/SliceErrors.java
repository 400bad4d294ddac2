package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of one slice that failed, by row number; allocated on the first failure only. Not thread-safe. */
final class SliceErrors {
    private final int columnCount;
    private ColumnarRows.BadRow[] rows = new ColumnarRows.BadRow[0];
    private int count;
    private int sliceRows;

    SliceErrors(int columnCount) {
        this.columnCount = columnCount;
    }

    void reset(int sliceRows) {
        if (count > 0) {
            Arrays.fill(rows, null);
        }
        this.count = 0;
        this.sliceRows = sliceRows;
    }

    /** The bad row {@code row} of the slice (created on first use). */
    ColumnarRows.BadRow row(int row) {
        if (rows.length < sliceRows) {
            rows = new ColumnarRows.BadRow[sliceRows];
        }
        ColumnarRows.BadRow bad = rows[row];
        if (bad == null) {
            bad = new ColumnarRows.BadRow(row, columnCount);
            rows[row] = bad;
            count++;
        }
        return bad;
    }

    /** The bad rows in row order. */
    List<ColumnarRows.BadRow> rows() {
        if (count == 0) {
            return List.of();
        }
        List<ColumnarRows.BadRow> result = new ArrayList<>(count);
        for (int row = 0; row < sliceRows && result.size() < count; row++) {
            if (rows[row] != null) {
                result.add(rows[row]);
            }
        }
        return result;
    }
}
