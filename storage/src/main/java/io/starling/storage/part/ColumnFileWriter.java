package io.starling.storage.part;

import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.column.Column;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import net.jpountz.xxhash.StreamingXXHash64;

/** The data and marks files of one column. */
final class ColumnFileWriter {
    private final String dataName;
    private final String marksName;
    private final Path dataPath;
    private final Path marksPath;
    private final ColumnCodec.Encoder encoder;
    private final FileChannel channel;
    private final StreamingXXHash64 hash;
    private final ByteSink raw = new ByteSink(1 << 16);
    private final ByteSink framed = new ByteSink(1 << 16);
    private final ByteSink marks = new ByteSink(256);
    private long position;

    ColumnFileWriter(Path directory, String column, ColumnCodec.Encoder encoder) {
        this.dataName = PartFiles.dataFile(column);
        this.marksName = PartFiles.marksFile(column);
        this.dataPath = directory.resolve(dataName);
        this.marksPath = directory.resolve(marksName);
        this.encoder = encoder;
        try {
            this.channel = FileChannel.open(dataPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw PartFiles.ioError("create", dataPath, e);
        }
        this.hash = PartFiles.HASHES.newStreamingHash64(PartFiles.HASH_SEED);
    }

    void writeGranule(Column granule) {
        raw.reset();
        ColumnSerializer.write(granule, raw);
        framed.reset();
        encoder.encode(raw.array(), raw.size(), framed);
        writeEncoded(framed, granule.size());
    }

    /** Appends one granule of {@code rows} rows already encoded into {@code framed}. */
    void writeEncoded(ByteSink framed, int rows) {
        marks.writeLong(position);
        marks.writeInt(rows);
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
        checksums.put(dataName, new Checksums.Entry(position, hash.getValue()));
        PartFiles.write(marksPath, marks.array(), marks.size());
        unsynced.add(dataPath);
        unsynced.add(marksPath);
        checksums.put(marksName, new Checksums.Entry(marks.size(), PartFiles.hash(marks.array(), 0, marks.size())));
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
