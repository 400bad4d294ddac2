package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.ColumnSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import net.jpountz.xxhash.StreamingXXHash64;

/** The single data file and the marks of a compact part. */
final class CompactFileWriter {
    private final Path dataPath;
    private final ColumnCodec.Encoder[] encoders;
    private final FileChannel channel;
    private final StreamingXXHash64 hash;
    private final ByteSink raw = new ByteSink(1 << 16);
    private final ByteSink framed = new ByteSink(1 << 16);
    private final ByteSink marks = new ByteSink(256);
    private long position;

    CompactFileWriter(Path directory, ColumnCodec.Encoder[] encoders) {
        this.dataPath = directory.resolve(PartFiles.COMPACT_DATA);
        this.encoders = encoders;
        try {
            this.channel = FileChannel.open(dataPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw PartFiles.ioError("create", dataPath, e);
        }
        this.hash = PartFiles.HASHES.newStreamingHash64(PartFiles.HASH_SEED);
    }

    void writeGranule(Block block, int start, int length) {
        marks.writeInt(length);
        framed.reset();
        for (int i = 0; i < encoders.length; i++) {
            marks.writeLong(position + framed.size());
            raw.reset();
            ColumnSerializer.write(block.column(i).region(start, length), raw);
            encoders[i].encode(raw.array(), raw.size(), framed);
        }
        writeFramed();
    }

    /** Appends one granule of {@code rows} rows whose columns are {@code encoded[first, first + columns)}. */
    void writeEncoded(int rows, ByteSink[] encoded, int first) {
        marks.writeInt(rows);
        framed.reset();
        for (int i = 0; i < encoders.length; i++) {
            marks.writeLong(position + framed.size());
            framed.writeBytes(encoded[first + i].array(), 0, encoded[first + i].size());
            encoded[first + i] = null;
        }
        writeFramed();
    }

    /** Writes the granule held in {@code framed} to the data file. */
    private void writeFramed() {
        hash.update(framed.array(), 0, framed.size());
        ByteBuffer buffer = ByteBuffer.wrap(framed.array(), 0, framed.size());
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw PartFiles.ioError("write", dataPath, e);
        }
        position += framed.size();
    }

    void finish(Map<String, Checksums.Entry> checksums, List<Path> unsynced) {
        try {
            channel.close();
        } catch (IOException e) {
            throw PartFiles.ioError("write", dataPath, e);
        }
        checksums.put(PartFiles.COMPACT_DATA, new Checksums.Entry(position, hash.getValue()));
        Path marksPath = dataPath.resolveSibling(PartFiles.COMPACT_MARKS);
        PartFiles.write(marksPath, marks.array(), marks.size());
        unsynced.add(dataPath);
        unsynced.add(marksPath);
        checksums.put(PartFiles.COMPACT_MARKS, new Checksums.Entry(marks.size(),
                PartFiles.hash(marks.array(), 0, marks.size())));
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing after a failure; the directory is removed anyway.
        }
        hash.close();
    }
}
