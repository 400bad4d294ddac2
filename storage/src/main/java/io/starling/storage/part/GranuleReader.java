package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the granules of one part for a fixed list of columns (by table definition: a column the part
 * lacks reads as its {@link MissingColumns} say). Wide and compact parts alike: the same block layout
 * {@link PartScan} reads. Lets a query read some columns of a granule first (PREWHERE) and the others only when
 * rows match, and lets several threads read disjoint granules of one part, each with its own reader.
 * The caller must hold a reference on the part while the reader is open. One thread per reader.
 */
public final class GranuleReader implements AutoCloseable {
    private final DataPart part;
    private final List<ColumnDefinition> wanted;
    private final ColumnGranuleFile[] files;
    private final ScanStatistics statistics;
    private MissingColumnReader missing;

    GranuleReader(DataPart part, List<ColumnDefinition> wanted, ScanStatistics statistics) {
        this.part = part;
        this.wanted = List.copyOf(wanted);
        this.files = new ColumnGranuleFile[wanted.size()];
        this.statistics = statistics;
    }

    public int columnCount() {
        return wanted.size();
    }

    /** Reads column {@code index} (of the reader's list) of {@code granule}; counts its bytes, not its rows. */
    public Column read(int index, int granule) {
        int rows = part.granuleRows(granule);
        ColumnDefinition column = wanted.get(index);
        ColumnDefinition stored = part.column(column.name());
        if (stored == null) {
            if (missing == null) {
                missing = new MissingColumnReader(part);
            }
            return missing.read(column, granule, rows);
        }
        if (files[index] == null) {
            files[index] = new ColumnGranuleFile(part, stored);
        }
        Column result = files[index].read(granule, rows);
        if (statistics != null) {
            statistics.add(0, files[index].lastUncompressedBytes);
        }
        return result;
    }

    /** Reads every column of {@code granule} and counts its rows as read. */
    public Block read(int granule) {
        List<Column> columns = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            columns.add(read(i, granule));
        }
        countRows(granule);
        return new Block(columns, part.granuleRows(granule));
    }

    /** Counts the rows of {@code granule} as read (once per granule, whatever columns were read). */
    public void countRows(int granule) {
        if (statistics != null) {
            statistics.add(part.granuleRows(granule), 0);
        }
    }

    @Override
    public void close() {
        for (ColumnGranuleFile file : files) {
            if (file != null) {
                file.close();
            }
        }
        if (missing != null) {
            missing.close();
        }
    }
}
