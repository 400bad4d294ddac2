package io.starling.sql.catalog;

import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.util.List;

/** A table the executor can scan. Implementations must be safe to scan from several queries at once. */
public interface TableSource {
    String name();

    List<ColumnDefinition> columns();

    /** A stream of blocks holding the named columns, in that order; reads are counted into {@code statistics}. */
    BlockStream scan(List<String> columns, ScanStatistics statistics);

    /**
     * {@code SELECT ... FROM t FINAL}: rows as if fully merged with the table engine's rule (one row per key for
     * ReplacingMergeTree...). Sources whose engine keeps every row answer {@link #scan}.
     */
    default BlockStream scanFinal(List<String> columns, ScanStatistics statistics) {
        return scan(columns, statistics);
    }
}
