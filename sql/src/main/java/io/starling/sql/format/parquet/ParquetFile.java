package io.starling.sql.format.parquet;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file to read: an uploaded or fetched body spooled into memory (up to {@value #MEMORY_LIMIT} bytes)
 * or into a temporary file (Parquet keeps its schema in a footer, so a body cannot be read as it streams).
 * {@link ParquetInput} reads its rows into data-source columns by jsonpath (Tinybird gives Parquet data sources the
 * same {@code json:$.x} paths), column by column, or for shapes that reader does not take through {@link #ndjson}
 * (the rows as NDJSON lines for the NDJSON ingest path); {@link #guessColumns} maps its schema to ClickHouse types.
 * Close it to delete the temporary file. Not thread-safe.
 */
public final class ParquetFile implements Closeable {
    /** Bodies up to this size stay in memory; larger ones go to a temporary file. */
    public static final int MEMORY_LIMIT = 64 * 1024 * 1024;
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final InputFile input;
    private final Path temporary;
    private final MessageType schema;
    private final long rowCount;

    private ParquetFile(InputFile input, Path temporary) {
        this.input = input;
        this.temporary = temporary;
        try (ParquetFileReader reader = openReader()) {
            this.schema = reader.getFooter().getFileMetaData().getSchema();
            long rows = 0;
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                rows += block.getRowCount();
            }
            this.rowCount = rows;
        } catch (IOException | RuntimeException e) {
            deleteTemporary();
            throw e instanceof StarlingException starling ? starling : corrupt(e);
        }
    }

    /** Spools {@code body} (closing it) and reads the footer; fails with INCORRECT_DATA when it is not Parquet. */
    public static ParquetFile read(InputStream body) {
        Path spooled = null;
        try (InputStream in = body) {
            byte[] head = in.readNBytes(MEMORY_LIMIT);
            if (head.length < MEMORY_LIMIT) {
                return of(head);
            }
            spooled = Files.createTempFile("starling-parquet-", ".parquet");
            try (OutputStream out = Files.newOutputStream(spooled)) {
                out.write(head);
                in.transferTo(out);
            }
            checkMagic(spooled);
            return new ParquetFile(new LocalInputFile(spooled), spooled);
        } catch (IOException e) {
            deleteQuietly(spooled);
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the Parquet body: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(spooled);
            throw e;
        }
    }

    /** A file held in memory. */
    public static ParquetFile of(byte[] bytes) {
        checkMagic(bytes, bytes.length);
        return new ParquetFile(new BytesInputFile(bytes), null);
    }

    /** A file on disk (left in place on close). */
    public static ParquetFile of(Path path) {
        try {
            checkMagic(path);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read [" + path + "]: " + e.getMessage(), e);
        }
        return new ParquetFile(new LocalInputFile(path), null);
    }

    public MessageType schema() {
        return schema;
    }

    public long rowCount() {
        return rowCount;
    }

    /**
     * The rows as NDJSON, one object per line, holding only the top-level fields that {@code jsonPaths} reach
     * ({@code $.a}, {@code json:$.a.b}, {@code $.items[:].id}; {@code $} or a null collection means every field).
     * See {@link ParquetJsonRows} for how values are written. Close the stream when done; the file stays open.
     */
    public InputStream ndjson(Collection<String> jsonPaths) {
        return new ParquetJsonRows(this, ParquetProjection.of(schema, jsonPaths));
    }

    /** The ClickHouse columns for this file's schema (create from file / URL, analyze). */
    public List<ParquetColumns.Column> guessColumns() {
        return ParquetColumns.guess(schema);
    }

    ParquetFileReader openReader() {
        try {
            ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(new ParquetCodecs()).build();
            return ParquetFileReader.open(input, options);
        } catch (IOException | RuntimeException e) {
            throw e instanceof StarlingException starling ? starling : corrupt(e);
        }
    }

    static StarlingException corrupt(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof StarlingException)) {
            cause = cause.getCause();
        }
        if (cause instanceof StarlingException starling) {
            return starling;
        }
        return new StarlingException(ErrorCode.INCORRECT_DATA, "Cannot read the Parquet file: " + describe(e)
                + "; check that it is a complete, valid Parquet file", e);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        deleteTemporary();
    }

    private void deleteTemporary() {
        deleteQuietly(temporary);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    private static void checkMagic(Path path) throws IOException {
        long size = Files.size(path);
        byte[] head = new byte[4];
        byte[] tail = new byte[4];
        try (var channel = Files.newByteChannel(path)) {
            if (size >= 12) {
                channel.read(java.nio.ByteBuffer.wrap(head));
                channel.position(size - 4);
                channel.read(java.nio.ByteBuffer.wrap(tail));
            }
        }
        if (size < 12 || !java.util.Arrays.equals(head, MAGIC) || !java.util.Arrays.equals(tail, MAGIC)) {
            throw notParquet();
        }
    }

    private static void checkMagic(byte[] bytes, int length) {
        if (length < 12 || !java.util.Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)
                || !java.util.Arrays.equals(bytes, length - 4, length, MAGIC, 0, 4)) {
            throw notParquet();
        }
    }

    private static StarlingException notParquet() {
        return new StarlingException(ErrorCode.INCORRECT_DATA, "The data is not a Parquet file (it must start and "
                + "end with PAR1); send CSV with format=csv or NDJSON with format=ndjson");
    }

    /** An in-memory file; its streams are seekable views of the array. */
    private record BytesInputFile(byte[] bytes) implements InputFile {
        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public SeekableInputStream newStream() {
            SeekableBytes in = new SeekableBytes(bytes);
            return new DelegatingSeekableInputStream(in) {
                @Override
                public long getPos() {
                    return in.position();
                }

                @Override
                public void seek(long newPos) {
                    in.seek((int) newPos);
                }
            };
        }
    }

    private static final class SeekableBytes extends ByteArrayInputStream {
        SeekableBytes(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        void seek(int position) {
            pos = position;
        }
    }
}
