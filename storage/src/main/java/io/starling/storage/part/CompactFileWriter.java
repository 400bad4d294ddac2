package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.ColumnSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The single data file and the marks of a compact part. */
final class CompactFileWriter {
    private final Path marksPath;
    private final ColumnCodec.Encoder[] encoders;
    private final HashedDataFile data;
    private final ByteSink raw = new ByteSink(1 << 16);
    private final ByteSink framed = new ByteSink(1 << 16);
    private final ByteSink marks = new ByteSink(256);

    CompactFileWriter(Path directory, ColumnCodec.Encoder[] encoders) {
        this.marksPath = directory.resolve(PartFiles.COMPACT_MARKS);
        this.encoders = encoders;
        this.data = new HashedDataFile(directory.resolve(PartFiles.COMPACT_DATA));
    }

    void writeGranule(Block block, int start, int length) {
        marks.writeInt(length);
        framed.reset();
        for (int i = 0; i < encoders.length; i++) {
            marks.writeLong(data.position() + framed.size());
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
            marks.writeLong(data.position() + framed.size());
            framed.writeBytes(encoded[first + i].array(), 0, encoded[first + i].size());
            encoded[first + i] = null;
        }
        writeFramed();
    }

    /** Writes the granule held in {@code framed} to the data file. */
    private void writeFramed() {
        data.append(framed);
    }

    void finish(Map<String, Checksums.Entry> checksums, List<Path> unsynced) {
        data.finish(marksPath, marks, checksums, unsynced);
    }

    void closeQuietly() {
        data.closeQuietly();
    }
}
