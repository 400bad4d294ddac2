package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the columns a part lacks, granule by granule, through the part's {@link MissingColumns}: a DEFAULT
 * expression is computed over the granule's input columns (read from the part, or themselves computed when the
 * part lacks them too), anything else is the type's default. Keeps its own readers of the input columns. One
 * thread; close it with the scan that owns it.
 */
final class MissingColumnReader implements AutoCloseable {
    /** Defaults reading defaults: deeper chains than this read the type's default (ClickHouse rejects cycles). */
    private static final int MAX_DEPTH = 8;

    private final DataPart part;
    private final Map<String, ColumnGranuleFile> inputs = new HashMap<>();

    MissingColumnReader(DataPart part) {
        this.part = part;
    }

    /** {@code column} (which the part lacks) for {@code rows} rows of {@code granule}. */
    Column read(ColumnDefinition column, int granule, int rows) {
        return read(column, granule, rows, 0);
    }

    private Column read(ColumnDefinition column, int granule, int rows, int depth) {
        MissingColumns.Filler filler = depth < MAX_DEPTH ? part.missingColumns().filler(column.name()) : null;
        if (filler == null) {
            return ColumnBuilder.defaults(column.type(), rows);
        }
        List<Column> values = new ArrayList<>(filler.inputs().size());
        for (ColumnDefinition input : filler.inputs()) {
            ColumnDefinition stored = part.column(input.name());
            if (stored == null) {
                values.add(read(input, granule, rows, depth + 1));
            } else {
                values.add(inputs.computeIfAbsent(input.name(), name -> new ColumnGranuleFile(part, stored))
                        .read(granule, rows));
            }
        }
        return filler.values(new Block(values, rows));
    }

    @Override
    public void close() {
        inputs.values().forEach(ColumnGranuleFile::close);
        inputs.clear();
    }
}
