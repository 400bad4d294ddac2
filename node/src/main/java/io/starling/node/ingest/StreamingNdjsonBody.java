package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.util.ByteString;

/**
 * Collects an NDJSON request body chunk by chunk and parses it while it arrives, on {@code executor}, so by the
 * time the last chunk arrives most of the body is already parsed (the receive and the parse overlap instead of
 * adding up). The body is never copied whole: a chunk of at least {@link #DIRECT_CHUNK_BYTES} (a socket read) is
 * parsed where it is, in the array the HTTP layer filled, with the line it starts in the middle of completed in
 * a small buffer; smaller chunks are gathered until {@link #SEGMENT_BYTES} of them are in. The parsed segments are
 * joined into one block in body order as they finish ({@link SegmentAssembly}), and the body's deduplication
 * hash takes in their bytes at the same step. A gzip body is gathered whole and parsed once
 * complete. Chunks must be {@link #accept}ed from one thread at a time, then {@link #finish} called once.
 */
public final class StreamingNdjsonBody {
    static final int SEGMENT_BYTES = 1 << 20;
    /** Chunks from this size are parsed in place; smaller ones are gathered first. */
    static final int DIRECT_CHUNK_BYTES = 64 * 1024;
    private static final int GATHER_BYTES = 64 * 1024;

    private final DataSourceSpec dataSource;
    private final List<IngestColumn> columns;
    private final Executor executor;
    /** The segments parsed so far, joined in body order (each step waits for the one before). */
    private CompletableFuture<SegmentAssembly> assembled;
    /** The body hash, fed each segment's bytes in body order by the step that joins the segment. */
    private final EventDedup.BodyHash hash = new EventDedup.BodyHash();
    private final boolean hashBody;
    /** Completes once every byte of a gzip body is hashed (a plain body's hash is done with {@link #assembled}). */
    private CompletableFuture<Void> gzipHashed;
    private boolean submitted;
    private long length;
    /** Bytes not handed to a segment yet: the start of an incomplete line, small chunks, or a whole gzip body. */
    private byte[] gathered;
    private int gatheredLength;
    /** Null until the first two bytes are in. */
    private Boolean gzip;

    /** With {@code hashBody}, the body is hashed for {@link #dedupKey} (wait=true requests without an idempotency key). */
    public StreamingNdjsonBody(DataSourceSpec dataSource, Executor executor, long expectedLength, boolean hashBody) {
        this.hashBody = hashBody;
        this.dataSource = dataSource;
        this.columns = IngestService.ingestColumns(dataSource, IngestService.Format.NDJSON);
        this.executor = executor;
        this.assembled = CompletableFuture.completedFuture(new SegmentAssembly(expectedLength));
        this.gathered = new byte[GATHER_BYTES];
    }

    public void accept(ByteString chunk) {
        int size = chunk.size();
        if (size == 0) {
            return;
        }
        length += size;
        if (gzip == null || gzip || size < DIRECT_CHUNK_BYTES) {
            gather(chunk, size);
            if (gzip == null && gatheredLength >= 2) {
                gzip = RequestBodies.isGzip(gathered, gatheredLength);
            }
            if (Boolean.FALSE.equals(gzip) && gatheredLength >= SEGMENT_BYTES) {
                submitGatheredLines();
            }
            return;
        }
        byte[] bytes = chunk.toArrayUnsafe(); // the HTTP layer's own array when the chunk spans it (no copy)
        int first = NdjsonInput.newline(bytes, 0, bytes.length);
        if (first == bytes.length) {
            gather(bytes, 0, bytes.length);
            return;
        }
        int last = lastNewline(bytes, first, bytes.length);
        // the line begun in earlier chunks, completed by this chunk's first line, goes first into the segment
        gather(bytes, 0, first + 1);
        byte[] head = gathered;
        int headLength = gatheredLength;
        gathered = new byte[Math.max(GATHER_BYTES, bytes.length - last - 1)];
        gatheredLength = 0;
        gather(bytes, last + 1, bytes.length - last - 1);
        submit(head, headLength, bytes, first + 1, last + 1);
    }

    /** Bytes received so far. */
    public long length() {
        return length;
    }

    /** Parses what is left and answers every row in body order (the same answer as parsing the whole body at once). */
    public CompletableFuture<ParsedRows> finish() {
        if (Boolean.TRUE.equals(gzip)) {
            byte[] whole = Arrays.copyOf(gathered, gatheredLength);
            gzipHashed = hashBody ? CompletableFuture.runAsync(() -> hash.update(whole, 0, whole.length), executor)
                    : CompletableFuture.completedFuture(null);
            return CompletableFuture.supplyAsync(() -> RequestBodies.parseNdjson(dataSource, whole, executor), executor);
        }
        if (gatheredLength > 0 || !submitted) {
            // the last line may lack its newline
            byte[] rest = gathered;
            int restLength = gatheredLength;
            gathered = new byte[0];
            gatheredLength = 0;
            submit(rest, restLength, rest, 0, 0);
        }
        return assembled.thenApply(SegmentAssembly::result);
    }

    /**
     * The request's deduplication key ({@link EventDedup#key(String, String, boolean, byte[])}), once the
     * body hash has taken in every piece; call after {@link #finish}.
     */
    public CompletableFuture<String> dedupKey(String dataSourceId, String idempotencyKey, boolean wait) {
        if (!EventDedup.hashesBody(idempotencyKey, wait)) {
            return CompletableFuture.completedFuture(EventDedup.key(dataSourceId, idempotencyKey, wait, new byte[0]));
        }
        if (!hashBody) {
            throw new IllegalStateException("This body was not hashed: construct it with hashBody");
        }
        CompletableFuture<?> hashed = gzipHashed != null ? gzipHashed : assembled;
        return hashed.thenApply(done -> EventDedup.key(dataSourceId, hash));
    }

    /** Hands the gathered complete lines to a segment, keeping the incomplete last one. */
    private void submitGatheredLines() {
        int last = lastNewline(gathered, 0, gatheredLength);
        if (last < 0) {
            return;
        }
        byte[] lines = gathered;
        int tail = gatheredLength - last - 1;
        gathered = new byte[Math.max(GATHER_BYTES, tail)];
        System.arraycopy(lines, last + 1, gathered, 0, tail);
        gatheredLength = tail;
        submit(lines, last + 1, lines, 0, 0);
    }

    /**
     * Parses {@code head[0, headLength)} then {@code body[from, to)} as one segment; neither array changes
     * afterwards. The step that joins the parsed segment (in body order) also feeds both to the body hash.
     */
    private void submit(byte[] head, int headLength, byte[] body, int from, int to) {
        submitted = true;
        CompletableFuture<ParsedRows> segment = CompletableFuture.supplyAsync(
                () -> NdjsonInput.parse(head, headLength, body, from, to, columns), executor);
        long bytes = headLength + (long) (to - from);
        assembled = assembled.thenCombineAsync(segment, (assembly, rows) -> {
            if (hashBody) {
                hash.update(head, 0, headLength);
                hash.update(body, from, to - from);
            }
            return assembly.add(rows, bytes);
        }, executor);
    }

    private void gather(ByteString chunk, int size) {
        ensureGathered(size);
        chunk.copyToArray(gathered, gatheredLength, size);
        gatheredLength += size;
    }

    private void gather(byte[] bytes, int offset, int count) {
        ensureGathered(count);
        System.arraycopy(bytes, offset, gathered, gatheredLength, count);
        gatheredLength += count;
    }

    private void ensureGathered(int more) {
        if (gatheredLength + more > gathered.length) {
            gathered = Arrays.copyOf(gathered, (int) Math.min(Integer.MAX_VALUE - 16,
                    Math.max((long) gathered.length * 2, (long) gatheredLength + more)));
        }
    }

    /** The last {@code \n} in {@code bytes[from, to)}, else -1. */
    private static int lastNewline(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
