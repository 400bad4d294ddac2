package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Reads selected granules of one part, one block per granule. Files open lazily. One consumer thread. */
final class PartScan implements BlockStream {
    private final DataPart part;
    private final List<ColumnDefinition> wanted;
    private final BitSet granules;
    private final ScanStatistics statistics;
    private final ColumnGranuleFile[] readers;
    private MissingColumnReader missing;
    private int nextGranule;
    private boolean closed;

    PartScan(DataPart part, List<ColumnDefinition> wanted, BitSet granules, ScanStatistics statistics) {
        this.part = part;
        this.wanted = List.copyOf(wanted);
        this.granules = granules;
        this.statistics = statistics;
        this.readers = new ColumnGranuleFile[wanted.size()];
    }

    @Override
    public Block next() {
        if (closed) {
            return null;
        }
        int granule = granules == null ? nextGranule : granules.nextSetBit(nextGranule);
        if (granule < 0 || granule >= part.granuleCount()) {
            close();
            return null;
        }
        nextGranule = granule + 1;
        int rows = part.granuleRows(granule);
        List<Column> columns = new ArrayList<>(wanted.size());
        long bytes = 0;
        for (int i = 0; i < wanted.size(); i++) {
            ColumnDefinition column = wanted.get(i);
            if (part.column(column.name()) == null) {
                if (missing == null) {
                    missing = new MissingColumnReader(part);
                }
                columns.add(missing.read(column, granule, rows));
                continue;
            }
            if (readers[i] == null) {
                readers[i] = new ColumnGranuleFile(part, part.column(column.name()));
            }
            columns.add(readers[i].read(granule, rows));
            bytes += readers[i].lastUncompressedBytes;
        }
        if (statistics != null) {
            statistics.add(rows, bytes);
        }
        return new Block(columns, rows);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ColumnGranuleFile reader : readers) {
            if (reader != null) {
                reader.close();
            }
        }
        if (missing != null) {
            missing.close();
        }
    }
}
