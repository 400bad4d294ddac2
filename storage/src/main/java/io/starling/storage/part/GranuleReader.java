package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.codec.CompressedBlocks;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the granules of one part for a fixed list of columns (by table definition: a column the part
 * lacks reads as its type's default). Wide and compact parts alike: the same block layout {@link PartScan} reads. Lets a query read some columns of a granule first (PREWHERE) and the others
 * only when rows match, and lets several threads read disjoint granules of one part, each with its own reader.
 * The caller must hold a reference on the part while the reader is open. One thread per reader.
 */
public final class GranuleReader implements AutoCloseable {
    private final DataPart part;
    private final List<ColumnDefinition> wanted;
    private final ColumnFile[] files;
    private final ScanStatistics statistics;

    GranuleReader(DataPart part, List<ColumnDefinition> wanted, ScanStatistics statistics) {
        this.part = part;
        this.wanted = List.copyOf(wanted);
        this.files = new ColumnFile[wanted.size()];
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
            ColumnBuilder builder = ColumnBuilder.forType(column.type(), rows);
            for (int i = 0; i < rows; i++) {
                builder.appendDefault();
            }
            return builder.build();
        }
        if (files[index] == null) {
            files[index] = new ColumnFile(part, stored);
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
        for (ColumnFile file : files) {
            if (file != null) {
                file.close();
            }
        }
    }

    /** Positional reads of one column's compressed granules. */
    private static final class ColumnFile {
        private final ColumnDefinition column;
        private final Path path;
        private final FileChannel channel;
        private final long[] offsets;
        private final long[] ends;
        /** Largest decompression buffer a reader keeps between granules. */
        private static final int MAX_REUSED = 1 << 24;
        /** Decompressed bytes of the last granule, reused for the next (columns copy out of it). */
        private byte[] decompressed = new byte[1 << 16];
        long lastUncompressedBytes;

        ColumnFile(DataPart part, ColumnDefinition column) {
            this.column = column;
            this.path = part.directory().resolve(part.dataFileName(column.name()));
            this.offsets = part.markOffsets(column.name());
            this.ends = part.blockEnds(column.name());
            try {
                this.channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot open part file [" + path + "]: "
                        + e + ". The part may have been removed while a snapshot still referenced it", e);
            }
        }

        Column read(int granule, int rows) {
            long start = offsets[granule];
            long end = ends[granule];
            int length = (int) (end - start);
            ByteBuffer buffer = PartFiles.readBuffer(length);
            ByteBuffer target = buffer;
            try {
                while (target.hasRemaining()) {
                    if (channel.read(target, start + target.position()) < 0) {
                        throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Part file [" + path
                                + "] ends before granule " + granule + "; the part is corrupt");
                    }
                }
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read part file [" + path + "]: " + e, e);
            }
            target.flip();
            if (length < CompressedBlocks.HEADER_SIZE) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Granule " + granule + " of [" + path
                        + "] is " + length + " bytes, shorter than a block header; the part is corrupt");
            }
            int uncompressed = buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(5);
            byte[] raw = CompressedBlocks.read(buffer, length, path.toString(), decompressed);
            if (raw.length > decompressed.length && raw.length <= MAX_REUSED) {
                decompressed = raw;
            }
            lastUncompressedBytes = uncompressed;
            ByteSource source = new ByteSource(raw, 0, uncompressed);
            Column result = ColumnSerializer.read(column.type(), source, rows);
            if (!source.atEnd()) {
                throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Granule " + granule + " of [" + path + "] has "
                        + source.remaining() + " bytes after its " + rows + " rows; the part is corrupt");
            }
            return result;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing to do for a read-only channel.
            }
        }
    }
}
