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
 * Collects an NDJSON request body chunk by chunk and parses it while it arrives: each time about
 * {@link #SEGMENT_BYTES} of complete lines are in, they are parsed on {@code executor}, so by the time the last
 * chunk arrives most of the body is already parsed (the receive and the parse overlap instead of adding up). The
 * whole body stays in memory for deduplication. The parsed segments are joined into one block in body order as
 * they finish ({@link SegmentAssembly}), so only the last segment's copy is left after the last chunk. A gzip
 * body is only collected and parsed once complete. Chunks must be {@link #accept}ed from one thread at a time,
 * then {@link #finish} called once.
 */
public final class StreamingNdjsonBody {
    static final int SEGMENT_BYTES = 1 << 20;

    private final DataSourceSpec dataSource;
    private final List<IngestColumn> columns;
    private final Executor executor;
    /** The segments parsed so far, joined in body order (each step waits for the one before). */
    private CompletableFuture<SegmentAssembly> assembled;
    private boolean submitted;
    private byte[] body;
    private int length;
    private int segmentStart;
    private boolean gzip;

    public StreamingNdjsonBody(DataSourceSpec dataSource, Executor executor, long expectedLength) {
        this.dataSource = dataSource;
        this.columns = IngestService.ingestColumns(dataSource, IngestService.Format.NDJSON);
        this.executor = executor;
        this.assembled = CompletableFuture.completedFuture(new SegmentAssembly(expectedLength));
        this.body = new byte[(int) Math.max(64 * 1024, Math.min(expectedLength, Integer.MAX_VALUE - 16))];
    }

    public void accept(ByteString chunk) {
        int size = chunk.size();
        if (length + size > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(Integer.MAX_VALUE - 16,
                    Math.max((long) body.length * 2, (long) length + size)));
        }
        chunk.copyToArray(body, length, size);
        int previous = length;
        length += size;
        if (previous == 0) {
            gzip = RequestBodies.isGzip(body, length);
        }
        if (!gzip && length - segmentStart >= SEGMENT_BYTES) {
            int cut = lastNewline(Math.max(previous, segmentStart));
            if (cut >= 0) {
                submit(segmentStart, cut + 1);
                segmentStart = cut + 1;
            }
        }
    }

    private int lastNewline(int from) {
        for (int i = length - 1; i >= from; i--) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void submit(int from, int to) {
        byte[] bytes = body;
        submitted = true;
        CompletableFuture<ParsedRows> segment = CompletableFuture.supplyAsync(
                () -> NdjsonInput.parse(bytes, from, to - from, columns, null, 1), executor);
        assembled = assembled.thenCombineAsync(segment, (assembly, rows) -> assembly.add(rows, to - from), executor);
    }

    /** The body received so far; its first {@link #length()} bytes are the request's. */
    public byte[] body() {
        return body;
    }

    public int length() {
        return length;
    }

    /** Parses what is left and answers every row in body order (the same answer as parsing the whole body at once). */
    public CompletableFuture<ParsedRows> finish() {
        if (gzip) {
            byte[] whole = Arrays.copyOf(body, length);
            return CompletableFuture.supplyAsync(() -> RequestBodies.parseNdjson(dataSource, whole, executor), executor);
        }
        if (segmentStart < length || !submitted) {
            submit(segmentStart, length);
            segmentStart = length;
        }
        return assembled.thenApply(SegmentAssembly::result);
    }
}
