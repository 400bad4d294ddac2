package io.starling.sql.format.input;

/**
 * Where a streamed parse cuts chunks: after {@code maxRows} rows, or once the chunk's rows took
 * {@code maxBytes} bytes of input (whichever comes first).
 */
public record ChunkLimits(int maxRows, long maxBytes) {
    /** About 1M rows or 64 MB of input per chunk. */
    public static final ChunkLimits DEFAULT = new ChunkLimits(1 << 20, 64L * 1024 * 1024);

    public ChunkLimits {
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("Chunk limits must be positive, got " + maxRows + " rows / "
                    + maxBytes + " bytes");
        }
    }
}
