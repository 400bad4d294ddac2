package io.starling.storage.part;

import io.starling.storage.codec.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import net.jpountz.xxhash.StreamingXXHash64;

/**
 * A part data file written front to back with its checksum (XXH64) kept as it grows, and its marks file written
 * at the end; both are left for the part's one batch of fsyncs ({@link PartWriter#finish}).
 */
final class HashedDataFile {
    private final Path path;
    private final FileChannel channel;
    private final StreamingXXHash64 hash;
    private long position;

    HashedDataFile(Path path) {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw PartFiles.ioError("create", path, e);
        }
        this.hash = PartFiles.HASHES.newStreamingHash64(PartFiles.HASH_SEED);
    }

    /** Bytes written so far: where the next block starts. */
    long position() {
        return position;
    }

    void append(ByteSink bytes) {
        hash.update(bytes.array(), 0, bytes.size());
        ByteBuffer buffer = ByteBuffer.wrap(bytes.array(), 0, bytes.size());
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw PartFiles.ioError("write", path, e);
        }
        position += bytes.size();
    }

    /**
     * Closes the data file and writes {@code marks} as {@code marksPath}; records both checksums under their file
     * names and both files as not yet forced to disk.
     */
    void finish(Path marksPath, ByteSink marks, Map<String, Checksums.Entry> checksums, List<Path> unsynced) {
        try {
            channel.close();
        } catch (IOException e) {
            throw PartFiles.ioError("write", path, e);
        }
        checksums.put(path.getFileName().toString(), new Checksums.Entry(position, hash.getValue()));
        PartFiles.write(marksPath, marks.array(), marks.size());
        unsynced.add(path);
        unsynced.add(marksPath);
        checksums.put(marksPath.getFileName().toString(), new Checksums.Entry(marks.size(),
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
