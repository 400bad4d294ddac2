package io.starling.sql.format.input;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects parsed rows into blocks of at most {@link Block#MAX_ROWS} rows in schema column order. Every row
 * appends exactly one value to every column; a row that turns out bad mid-way is completed with filler
 * values and marked dead, and dead rows are dropped when the block is built (a copy only for blocks that
 * had bad rows). Not thread-safe.
 */
final class RowAssembler {
    private final List<IngestColumn> columns;
    private final DataType[] types;
    private final Column[] defaults;
    private final boolean[] hasDefault;
    private final ColumnBuilder[] builders;
    private final List<Block> blocks = new ArrayList<>();
    private final List<QuarantinedRow> quarantined = new ArrayList<>();
    private int rows;
    private int[] deadRows = new int[16];
    private int deadCount;

    RowAssembler(List<IngestColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Ingestion needs at least one column");
        }
        this.columns = List.copyOf(columns);
        int count = columns.size();
        this.types = new DataType[count];
        this.defaults = new Column[count];
        this.hasDefault = new boolean[count];
        this.builders = new ColumnBuilder[count];
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            IngestColumn column = columns.get(i);
            types[i] = column.type();
            String expression = column.defaultExpression();
            hasDefault[i] = expression != null && !expression.isBlank();
            defaults[i] = DefaultValues.evaluate(expression, column.type(), now);
        }
        newBuilders();
    }

    private void newBuilders() {
        for (int i = 0; i < builders.length; i++) {
            builders[i] = ColumnBuilder.forType(types[i], 1024);
        }
    }

    int columnCount() {
        return types.length;
    }

    IngestColumn column(int index) {
        return columns.get(index);
    }

    DataType type(int index) {
        return types[index];
    }

    ColumnBuilder builder(int index) {
        return builders[index];
    }

    boolean hasDefault(int index) {
        return hasDefault[index];
    }

    /** Appends the column's DEFAULT value (or the type's default: 0, '', [], NULL for Nullable). */
    void appendDefault(int index) {
        DefaultValues.append(defaults[index], builders[index]);
    }

    /** Appends a placeholder for a value that failed to parse; the row must then end dead. */
    void appendFiller(int index) {
        builders[index].appendDefault();
    }

    /** Ends the current row; a dead row is dropped from the block and reported with {@code quarantine}. */
    void endRow(QuarantinedRow quarantine) {
        if (quarantine != null) {
            if (deadCount == deadRows.length) {
                deadRows = Arrays.copyOf(deadRows, deadCount * 2);
            }
            deadRows[deadCount++] = rows;
            quarantined.add(quarantine);
        }
        rows++;
        if (rows == Block.MAX_ROWS) {
            flush();
        }
    }

    private void flush() {
        if (rows == 0) {
            return;
        }
        List<Column> built = new ArrayList<>(builders.length);
        for (ColumnBuilder builder : builders) {
            built.add(builder.build());
        }
        Block block = new Block(built, rows);
        if (deadCount > 0) {
            block = block.select(livePositions(), rows - deadCount);
        }
        if (block.rowCount() > 0) {
            blocks.add(block);
        }
        rows = 0;
        deadCount = 0;
        newBuilders();
    }

    private int[] livePositions() {
        int[] live = new int[rows - deadCount];
        int next = 0;
        int dead = 0;
        for (int row = 0; row < rows; row++) {
            if (dead < deadCount && deadRows[dead] == row) {
                dead++;
            } else {
                live[next++] = row;
            }
        }
        return live;
    }

    /** Rows of a block are all columns of equal length; call once at the end. */
    ParsedRows finish(long invalidLines, long emptyLines) {
        flush();
        return new ParsedRows(blocks, quarantined, invalidLines, emptyLines);
    }

    /** Tinybird's quarantine message: {@code value 'abc' on column 'amount' is not Int64}. */
    static String notOfType(String raw, String column, DataType type) {
        return "value '" + raw + "' on column '" + column + "' is not " + type.name();
    }
}
