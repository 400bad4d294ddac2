package io.starling.sql.catalog;

import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.util.List;

/**
 * A table read with FINAL: every scan is the source's {@link TableSource#scanFinal}. Not a
 * {@link MergeTreeTableSource}, so granule pruning and count() from part row counts (which see unmerged parts)
 * do not apply.
 */
public record FinalTableSource(TableSource source) implements TableSource {
    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<ColumnDefinition> columns() {
        return source.columns();
    }

    @Override
    public BlockStream scan(List<String> columns, ScanStatistics statistics) {
        return source.scanFinal(columns, statistics);
    }

    @Override
    public BlockStream scanFinal(List<String> columns, ScanStatistics statistics) {
        return source.scanFinal(columns, statistics);
    }
}
