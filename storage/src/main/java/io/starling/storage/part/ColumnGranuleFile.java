package io.starling.storage.part;

import io.starling.storage.codec.ByteSource;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.codec.CompressedBlocks;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads of one column's compressed granules from a part's data file, decompressing into a buffer reused
 * between granules. One thread per instance; the caller holds a reference on the part while it reads.
 */
final class ColumnGranuleFile {
    private final ColumnDefinition column;
    private final Path path;
    private final FileChannel channel;
    private final long[] offsets;
    private final long[] ends;
    /**
     * Largest decompression buffer a thread keeps between reads (a granule of 8,192 strings of 512 bytes): enough
     * for most granules, bounded for the many threads that read.
     */
    private static final int MAX_REUSED = 1 << 22;
    /**
     * Decompressed bytes of the thread's last granule, reused for the next of any file: columns copy out of it, so
     * it is free once {@link #read} returns. Per thread rather than per file because a merge or scan opens a file
     * per column of every part and reads only a granule or two of each (small parts).
     */
    private static final ThreadLocal<byte[]> DECOMPRESSED = ThreadLocal.withInitial(() -> new byte[1 << 16]);
    long lastUncompressedBytes;

    ColumnGranuleFile(DataPart part, ColumnDefinition column) {
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
        byte[] decompressed = DECOMPRESSED.get();
        byte[] raw = CompressedBlocks.read(buffer, length, path.toString(), decompressed);
        if (raw.length > decompressed.length && raw.length <= MAX_REUSED) {
            DECOMPRESSED.set(raw);
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
