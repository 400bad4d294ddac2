package io.starling.sql.format.parquet;

import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One Parquet leaf column of a row group read entry by entry: each entry has a repetition level (0 starts a row,
 * r a new element of the list at level r), a definition level (how deep the path to the value is defined) and,
 * at the maximum definition level, a value. Not thread-safe.
 */
final class ParquetLeafCursor {
    final String[] path;
    final PrimitiveType type;
    final int maxDefinition;
    ColumnReader reader;
    private long left;

    ParquetLeafCursor(String[] path, PrimitiveType type, int maxDefinition) {
        this.path = path;
        this.type = type;
        this.maxDefinition = maxDefinition;
    }

    void start(ColumnReadStore store, MessageType projection) {
        reader = store.getColumnReader(projection.getColumnDescription(path));
        left = reader.getTotalValueCount();
    }

    boolean more() {
        return left > 0;
    }

    int definition() {
        return reader.getCurrentDefinitionLevel();
    }

    int repetition() {
        return reader.getCurrentRepetitionLevel();
    }

    boolean defined() {
        return reader.getCurrentDefinitionLevel() == maxDefinition;
    }

    /** Moves to the next entry (a defined value not read is skipped: the reader does not skip it by itself). */
    void consume() {
        if (reader.getCurrentDefinitionLevel() == maxDefinition) {
            reader.skip();
        }
        reader.consume();
        left--;
    }

    /**
     * Consumes the entries of one instance of a node whose repetition level is {@code repetition}: the current
     * entry and every following one that repeats something deeper.
     */
    void skip(int repetition) {
        consume();
        while (left > 0 && reader.getCurrentRepetitionLevel() > repetition) {
            consume();
        }
    }
}
