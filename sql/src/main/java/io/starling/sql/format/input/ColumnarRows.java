package io.starling.sql.format.input;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a columnar reader (Parquet) puts rows: it fills the builders of the data source's input columns column
 * by column for a slice of rows, then ends the slice with {@link #endRows}. Blocks, DEFAULT expressions,
 * MATERIALIZED columns, chunking and the quarantine work exactly as for NDJSON (the same {@link RowAssembler}):
 * a missing or null value follows {@link #appendMissing}'s rules, a value that does not convert sends its row to
 * the quarantine with {@code value 'x' on column 'c' is not T}.
 *
 * <p>Protocol per slice: take {@code n <= }{@link #room()} rows; for every input column append exactly {@code n}
 * values to {@link #builder} (through the builder, {@link #appendMissing} or {@link #appendFiller}); then call
 * {@link #endRows}. Not thread-safe.
 */
public final class ColumnarRows {
    private final RowAssembler assembler;

    private ColumnarRows(RowAssembler assembler) {
        this.assembler = assembler;
    }

    /** Collects every block (at most {@code Block.MAX_ROWS} rows each) for {@link #finish}. */
    public static ColumnarRows collecting(List<IngestColumn> columns) {
        return new ColumnarRows(new RowAssembler(columns));
    }

    /** Hands chunks of at most {@code limits} to {@code consumer} as they fill; {@link #finishStream} at the end. */
    public static ColumnarRows streaming(List<IngestColumn> columns, ChunkLimits limits, ChunkConsumer consumer) {
        return new ColumnarRows(new RowAssembler(columns, limits, consumer));
    }

    /** The columns to fill, in order (the data source's columns without MATERIALIZED and ALIAS ones). */
    public List<IngestColumn> inputColumns() {
        return assembler.inputColumns();
    }

    /** Rows the current block can still take; a slice must not be longer. Always at least 1. */
    public int room() {
        return assembler.room();
    }

    public ColumnBuilder builder(int column) {
        return assembler.builder(column);
    }

    public DataType type(int column) {
        return assembler.type(column);
    }

    /**
     * Appends what a missing or null value becomes (NDJSON's rules): the column's DEFAULT, else NULL for Nullable
     * columns, '' for strings, [] for arrays and maps. Answers false, appending nothing, for other types: the row
     * must then be quarantined ({@link BadRow#fail} with a null raw value, then {@link #appendFiller}).
     */
    public boolean appendMissing(int column) {
        if (assembler.hasDefault(column)) {
            assembler.appendDefault(column);
            return true;
        }
        DataType type = assembler.type(column);
        ColumnBuilder builder = assembler.builder(column);
        if (CsvRecordHandler.isNullable(type)) {
            builder.appendNull();
            return true;
        }
        if (io.starling.sql.format.ValueParser.isStringLike(type) || type instanceof ArrayType
                || type instanceof MapType) {
            builder.appendDefault();
            return true;
        }
        return false;
    }

    /** A placeholder for a value of a row that will be quarantined. */
    public void appendFiller(int column) {
        assembler.appendFiller(column);
    }

    /** Ends a slice of {@code count} rows holding {@code bad} (ascending by {@link BadRow#row()}). */
    public void endRows(int count, long inputBytes, List<BadRow> bad) {
        assembler.endRows(count, inputBytes, bad);
    }

    public ParsedRows finish() {
        return assembler.finish(0, 0);
    }

    public ParseSummary finishStream() {
        return assembler.finishStream(0, 0);
    }

    /**
     * A row of a slice that will be quarantined: the columns that failed with their raw text, and the columns
     * known to be missing. Raw values of the other columns are written from the built block (TEXT style).
     */
    public static final class BadRow {
        private final int row;
        private final String[] raw;
        private final boolean[] known;
        /** Per column: its error name and message, or null (reported in column order, as NDJSON does). */
        private final String[] errorNames;
        private final String[] errors;

        public BadRow(int row, int columnCount) {
            this.row = row;
            this.raw = new String[columnCount];
            this.known = new boolean[columnCount];
            this.errorNames = new String[columnCount];
            this.errors = new String[columnCount];
        }

        public int row() {
            return row;
        }

        /** Column {@code column} ({@code name}, {@code type}) could not take {@code rawValue} (null: missing). */
        public void fail(int column, String name, DataType type, String rawValue) {
            raw[column] = rawValue;
            known[column] = true;
            errorNames[column] = name;
            errors[column] = RowAssembler.notOfType(rawValue == null ? "" : rawValue, name, type);
        }

        /** Column {@code column} had no value in this row (its raw value is null). */
        public void missing(int column) {
            raw[column] = null;
            known[column] = true;
        }

        QuarantinedRow toQuarantinedRow(List<Column> built, int blockRow) {
            String[] values = Arrays.copyOf(raw, raw.length);
            ByteSink text = null;
            for (int column = 0; column < values.length; column++) {
                if (known[column]) {
                    continue;
                }
                Column values0 = built.get(column);
                if (values0.isNull(blockRow)) {
                    continue;
                }
                if (text == null) {
                    text = new ByteSink();
                }
                text.reset();
                ValueWriter.write(values0, blockRow, ValueWriter.Style.TEXT, text);
                values[column] = new String(text.rawBytes(), 0, text.size(), StandardCharsets.UTF_8);
            }
            List<String> errorColumns = new ArrayList<>(1);
            List<String> messages = new ArrayList<>(1);
            for (int column = 0; column < errors.length; column++) {
                if (errors[column] != null) {
                    errorColumns.add(errorNames[column]);
                    messages.add(errors[column]);
                }
            }
            return new QuarantinedRow(Arrays.asList(values), errorColumns, messages);
        }
    }
}
