package io.starling.sql.format.input;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Collects parsed rows into blocks of at most {@link Block#MAX_ROWS} rows in schema column order, completed to the
 * table's schema by {@link ColumnDefaults} (parsers see only the columns an input supplies). Every row
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
    /** Completes blocks to the table schema (expression DEFAULTs, MATERIALIZED columns). */
    private final ColumnDefaults completion;
    /** Per column with an expression DEFAULT: rows of the current block that took it (null for other columns). */
    private final BitSet[] missing;
    private final List<Block> blocks = new ArrayList<>();
    private final List<QuarantinedRow> quarantined = new ArrayList<>();
    /** Rows per block (MAX_ROWS when collecting; the chunk's row limit when streaming). */
    private final int blockRows;
    /** Input bytes after which a streamed chunk is handed over (Long.MAX_VALUE when collecting). */
    private final long chunkBytes;
    /** Receives each chunk when streaming; null when collecting every block into a ParsedRows. */
    private final ChunkConsumer consumer;
    private long pendingBytes;
    private RuntimeException consumerFailure;
    private long goodRows;
    private long quarantinedRows;
    private int rows;
    private int[] deadRows = new int[16];
    private int deadCount;

    RowAssembler(List<IngestColumn> columns) {
        this(columns, null, null);
    }

    /** Streaming when {@code consumer} is non-null: chunks of at most {@code limits} go to it as they fill. */
    RowAssembler(List<IngestColumn> columns, ChunkLimits limits, ChunkConsumer consumer) {
        this.consumer = consumer;
        this.blockRows = consumer == null ? Block.MAX_ROWS : limits.maxRows();
        this.chunkBytes = consumer == null ? Long.MAX_VALUE : limits.maxBytes();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Ingestion needs at least one column");
        }
        this.completion = ColumnDefaults.of(columns);
        this.columns = completion.inputColumns();
        if (this.columns.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Every column of the data source is MATERIALIZED or"
                    + " ALIAS, so there is nothing to read from the input; declare at least one plain column");
        }
        int count = this.columns.size();
        this.types = new DataType[count];
        this.defaults = new Column[count];
        this.hasDefault = new boolean[count];
        this.builders = new ColumnBuilder[count];
        this.missing = new BitSet[count];
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            IngestColumn column = this.columns.get(i);
            types[i] = column.type();
            String expression = column.defaultExpression();
            hasDefault[i] = expression != null && !expression.isBlank();
            if (completion.tracksMissing(i)) {
                missing[i] = new BitSet();
            } else {
                defaults[i] = DefaultValues.evaluate(expression, column.type(), now);
            }
        }
        newBuilders();
    }

    private void newBuilders() {
        for (int i = 0; i < builders.length; i++) {
            builders[i] = ColumnBuilder.forType(types[i], 1024);
        }
    }

    /**
     * Size hint once part of the input is read: the rows still to come are about {@code factor - 1} times those
     * assembled so far (with as many bytes each), so the builders grow once now instead of doubling as they fill.
     */
    void expectMore(double factor) {
        if (!(factor > 1) || rows == 0) {
            return;
        }
        double more = factor - 1;
        for (ColumnBuilder builder : builders) {
            builder.reserve((int) Math.min(Integer.MAX_VALUE / 2, rows * more),
                    (long) (builder.dataBytes() * more));
        }
    }

    /** The columns parsers fill, in order (the data source's columns without MATERIALIZED and ALIAS ones). */
    List<IngestColumn> inputColumns() {
        return columns;
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

    /**
     * Appends the column's DEFAULT value (or the type's default: 0, '', [], NULL for Nullable); for an expression
     * DEFAULT a placeholder that {@link ColumnDefaults#complete} replaces when the block is built.
     */
    void appendDefault(int index) {
        if (missing[index] != null) {
            // the builder's size is the row being filled (rows when row by row; further on when column by column)
            missing[index].set(builders[index].size());
            builders[index].appendDefault();
        } else {
            DefaultValues.append(defaults[index], builders[index]);
        }
    }

    /** Appends a placeholder for a value that failed to parse; the row must then end dead. */
    void appendFiller(int index) {
        builders[index].appendDefault();
    }

    /** Counts input bytes of the current row (streamed chunks are cut by input size as well as by rows). */
    void addBytes(long bytes) {
        pendingBytes += bytes;
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
        if (rows >= blockRows || pendingBytes >= chunkBytes) {
            flush();
        }
    }

    /** Rows the block being filled can still take before it is handed over (columnar readers cut slices by it). */
    int room() {
        return blockRows - rows;
    }

    /**
     * Ends {@code count} rows that a columnar reader appended column by column (every input column got exactly
     * {@code count} more values); {@code bad} are the rows among them to drop and quarantine (row numbers relative
     * to the first of the {@code count} rows, ascending), whose raw values not already known are written from the
     * built columns when the block is built.
     */
    void endRows(int count, long inputBytes, List<ColumnarRows.BadRow> bad) {
        for (ColumnarRows.BadRow row : bad) {
            if (deadCount == deadRows.length) {
                deadRows = Arrays.copyOf(deadRows, deadCount * 2);
            }
            deadRows[deadCount++] = rows + row.row();
            pending.add(new PendingRow(rows + row.row(), row));
        }
        rows += count;
        pendingBytes += inputBytes;
        if (rows >= blockRows || pendingBytes >= chunkBytes) {
            flush();
        }
    }

    /** A columnar bad row waiting for its block to be built (its raw values come from the built columns). */
    private record PendingRow(int blockRow, ColumnarRows.BadRow row) {
    }

    private final List<PendingRow> pending = new ArrayList<>();

    private void resolvePending(List<Column> built) {
        for (PendingRow row : pending) {
            quarantined.add(row.row().toQuarantinedRow(built, row.blockRow()));
        }
        pending.clear();
    }

    private void flush() {
        pendingBytes = 0;
        if (rows == 0) {
            if (consumer != null && !quarantined.isEmpty()) {
                handOver(null);
            }
            return;
        }
        List<Column> built = new ArrayList<>(builders.length);
        for (ColumnBuilder builder : builders) {
            built.add(builder.build());
        }
        Block block = new Block(built, rows);
        if (!pending.isEmpty()) {
            resolvePending(built);
        }
        if (deadCount > 0) {
            int[] live = livePositions();
            block = block.select(live, rows - deadCount);
            keepLive(live);
        }
        if (completion.completes() && block.rowCount() > 0) {
            block = completion.complete(block, missing);
        }
        for (BitSet rowsMissing : missing) {
            if (rowsMissing != null) {
                rowsMissing.clear();
            }
        }
        if (consumer != null) {
            handOver(block.rowCount() > 0 ? block : null);
        } else if (block.rowCount() > 0) {
            blocks.add(block);
        }
        rows = 0;
        deadCount = 0;
        newBuilders();
    }

    private void handOver(Block block) {
        List<QuarantinedRow> bad = List.copyOf(quarantined);
        quarantined.clear();
        goodRows += block == null ? 0 : block.rowCount();
        quarantinedRows += bad.size();
        try {
            consumer.accept(new ParsedChunk(block, bad));
        } catch (RuntimeException e) {
            consumerFailure = e;
            throw e;
        }
    }

    /** The consumer's failure, when it threw (parsers that catch their callbacks' exceptions rethrow it). */
    RuntimeException consumerFailure() {
        return consumerFailure;
    }

    /** Streaming: hands over the last chunk and answers the totals; call once at the end. */
    ParseSummary finishStream(long invalidLines, long emptyLines) {
        flush();
        return new ParseSummary(goodRows, quarantinedRows, invalidLines, emptyLines);
    }

    /** Renumbers the missing-row marks after dead rows were dropped ({@code live}: old row of each new row). */
    private void keepLive(int[] live) {
        for (int column = 0; column < missing.length; column++) {
            BitSet old = missing[column];
            if (old == null || old.isEmpty()) {
                continue;
            }
            BitSet kept = new BitSet();
            for (int row = 0; row < live.length; row++) {
                if (old.get(live[row])) {
                    kept.set(row);
                }
            }
            missing[column] = kept;
        }
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
