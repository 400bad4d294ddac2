package io.starling.storage.engine;

import io.starling.storage.block.BlockStream;
import java.util.List;

/** The set of parts a reader sees; parts stay on disk until every snapshot that holds them is closed. */
public interface TableSnapshot extends AutoCloseable {
    long rowCount();

    /** Reads the named columns of every part, in part order, counting what it reads into {@code statistics}. */
    BlockStream scan(List<String> columns, ScanStatistics statistics);

    /**
     * Like {@link #scan(List, ScanStatistics)} but reads only the granules {@code filter} selects. The filter is a
     * pruning hint: implementations without granules may ignore it and read everything.
     */
    default BlockStream scan(List<String> columns, ScanStatistics statistics, GranuleFilter filter) {
        return scan(columns, statistics);
    }

    /**
     * SELECT ... FINAL: rows as if every partition were fully merged with the table engine's rule (one row per key
     * for ReplacingMergeTree...). Tables whose engine keeps every row answer {@link #scan(List, ScanStatistics)}.
     */
    default BlockStream scanFinal(List<String> columns, ScanStatistics statistics) {
        return scan(columns, statistics);
    }

    @Override
    void close();
}
