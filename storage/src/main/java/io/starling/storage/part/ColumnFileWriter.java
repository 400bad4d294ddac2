package io.starling.storage.part;

import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.column.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The data and marks files of one column. */
final class ColumnFileWriter {
    private final Path marksPath;
    private final ColumnCodec.Encoder encoder;
    private final HashedDataFile data;
    private final ByteSink raw = new ByteSink(1 << 16);
    private final ByteSink framed = new ByteSink(1 << 16);
    private final ByteSink marks = new ByteSink(256);

    ColumnFileWriter(Path directory, String column, ColumnCodec.Encoder encoder) {
        this.marksPath = directory.resolve(PartFiles.marksFile(column));
        this.encoder = encoder;
        this.data = new HashedDataFile(directory.resolve(PartFiles.dataFile(column)));
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
        marks.writeLong(data.position());
        marks.writeInt(rows);
        data.append(framed);
    }

    void finish(Map<String, Checksums.Entry> checksums, List<Path> unsynced) {
        data.finish(marksPath, marks, checksums, unsynced);
    }

    void closeQuietly() {
        data.closeQuietly();
    }
}
