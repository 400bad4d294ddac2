package io.starling.storage.engine;

import io.starling.storage.block.Block;
import java.nio.file.Path;

/**
 * A MergeTree table: a directory of immutable parts (see ARCHITECTURE.md §2).
 *
 * <p>Threading: {@link #insert} may be called from several threads; each insert writes its own parts and
 * publishes them atomically. {@link #snapshot} never blocks on inserts or merges.
 */
public final class MergeTreeTable implements AutoCloseable {

    private MergeTreeTable() {
    }

    /** Opens (or creates) the table in {@code directory}: removes temporary directories, loads and verifies parts. */
    public static MergeTreeTable open(Path directory, TableDefinition definition, KeyEvaluator keys) {
        throw new UnsupportedOperationException("storage: MergeTreeTable.open is being written");
    }

    public TableDefinition definition() {
        throw new UnsupportedOperationException();
    }

    /** Writes the block (in the table's column order) as new parts; durable when this returns. */
    public InsertResult insert(Block block) {
        throw new UnsupportedOperationException();
    }

    /** A consistent, reference-counted view of the active parts. Close it when done. */
    public TableSnapshot snapshot() {
        throw new UnsupportedOperationException();
    }

    /** Removes every row atomically for readers. */
    public void truncate() {
        throw new UnsupportedOperationException();
    }

    public TableStatistics statistics() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
