package io.starling.sql.format.input;

import io.starling.storage.block.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parses NDJSON (one JSON object per line), mapping values to columns through their jsonpaths
 * ({@link JsonPath}; a column without one reads {@code $.<name>}).
 *
 * <p>Rules:
 * <ul>
 *   <li>a blank line is counted in {@code emptyLines}; a line that is not one valid JSON object is counted in
 *       {@code invalidLines} and dropped (it has no column values to quarantine);</li>
 *   <li>a missing field or JSON null takes the column's DEFAULT, else NULL for Nullable columns, '' for
 *       strings and [] for arrays; for other types the row is quarantined with
 *       {@code value '' on column 'x' is not Int64} (like an empty CSV field: Tinybird quarantines
 *       "missing required fields");</li>
 *   <li>objects and arrays read into String columns keep their raw JSON text; {@code $} keeps the line;</li>
 *   <li>numbers read into DateTime are unix seconds, strings parse as dates (ISO 8601 included);
 *       JSON true/false read into integer columns as 1/0;</li>
 *   <li>{@code $.arr[:]} fills Array(T) columns; {@code $.items[:].id} collects a field of every element
 *       (NULL, i.e. the element type's default, where an element lacks it). A plain path to a JSON array
 *       also fills an Array column.</li>
 * </ul>
 */
public final class NdjsonInput {
    private NdjsonInput() {
    }

    public static ParsedRows parse(InputStream body, List<IngestColumn> columns) {
        RowAssembler assembler = new RowAssembler(columns);
        NdjsonRowReader reader = new NdjsonRowReader(assembler, assembler.inputColumns());
        read(body, reader);
        return reader.finish();
    }

    /**
     * Streams the body: hands chunks of at most {@code limits} to {@code consumer} as they are parsed (only the
     * chunk being filled is held in memory), and answers the totals. Same rules as {@link #parse}.
     */
    public static ParseSummary stream(InputStream body, List<IngestColumn> columns, ChunkLimits limits,
                                      ChunkConsumer consumer) {
        RowAssembler assembler = new RowAssembler(columns, limits, consumer);
        NdjsonRowReader reader = new NdjsonRowReader(assembler, assembler.inputColumns());
        read(body, reader);
        return reader.finishStream();
    }

    /** Bodies smaller than this are parsed on the calling thread only. */
    static final int MIN_SEGMENT_BYTES = 1 << 20;

    /**
     * Parses an NDJSON body held in memory, {@code body[offset, offset + length)}, without copying it. With
     * {@code parallelism > 1} a body of at least two {@link #MIN_SEGMENT_BYTES} is cut at line ends into up to
     * {@code parallelism} segments parsed at once, on the calling thread and on {@code executor} (a segment no
     * pool thread has started yet is run by the caller, so a busy or saturated pool only costs parallelism); the
     * answer is the same as {@link #parse(InputStream, List)}'s: blocks and quarantined rows in input order.
     */
    public static ParsedRows parse(byte[] body, int offset, int length, List<IngestColumn> columns,
                                   Executor executor, int parallelism) {
        int end = offset + length;
        int segments = executor == null ? 1 : Math.max(1, Math.min(parallelism, length / MIN_SEGMENT_BYTES));
        int[] bounds = new int[segments + 1];
        bounds[0] = offset;
        for (int i = 1; i < segments; i++) {
            int cut = Math.max(bounds[i - 1], offset + (int) ((long) length * i / segments));
            while (cut < end && body[cut] != '\n') {
                cut++;
            }
            bounds[i] = Math.min(end, cut + 1);
        }
        bounds[segments] = end;
        NdjsonRowReader[] readers = new NdjsonRowReader[segments];
        for (int i = 0; i < segments; i++) {
            RowAssembler assembler = new RowAssembler(columns);
            readers[i] = new NdjsonRowReader(assembler, assembler.inputColumns());
        }
        if (segments == 1) {
            readLines(body, offset, end, readers[0]);
            return readers[0].finish();
        }
        // Each segment is run by whoever claims it first: a pool thread, or the caller once its own segment is
        // done. The caller so never waits for a task that no thread has started (no deadlock on a saturated pool).
        AtomicBoolean[] claimed = new AtomicBoolean[segments];
        ParsedRows[] results = new ParsedRows[segments];
        CompletableFuture<?>[] done = new CompletableFuture<?>[segments];
        for (int i = 0; i < segments; i++) {
            claimed[i] = new AtomicBoolean();
            done[i] = new CompletableFuture<Void>();
        }
        for (int i = 1; i < segments; i++) {
            int index = i;
            try {
                executor.execute(() -> runSegment(index, body, bounds, readers, claimed, results, done));
            } catch (RejectedExecutionException e) {
                // the caller runs it
            }
        }
        for (int i = 0; i < segments; i++) {
            runSegment(i, body, bounds, readers, claimed, results, done);
        }
        List<ParsedRows> parts = new ArrayList<>(segments);
        for (int i = 0; i < segments; i++) {
            try {
                done[i].join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
            parts.add(results[i]);
        }
        return ParsedRows.concat(parts);
    }

    private static void runSegment(int index, byte[] body, int[] bounds, NdjsonRowReader[] readers,
                                   AtomicBoolean[] claimed, ParsedRows[] results, CompletableFuture<?>[] done) {
        if (!claimed[index].compareAndSet(false, true)) {
            return;
        }
        try {
            readLines(body, bounds[index], bounds[index + 1], readers[index]);
            results[index] = readers[index].finish();
            done[index].complete(null);
        } catch (RuntimeException | Error e) {
            done[index].completeExceptionally(e);
        }
    }

    /**
     * Parses the lines of {@code head[0, headLength)} then those of {@code body[from, to)} as one input, on the
     * calling thread, without copying either: a streamed body's segment whose first line began in earlier chunks
     * ({@code head} holds that line, completed). Same rules as {@link #parse(InputStream, List)}.
     */
    public static ParsedRows parse(byte[] head, int headLength, byte[] body, int from, int to,
                                   List<IngestColumn> columns) {
        RowAssembler assembler = new RowAssembler(columns);
        NdjsonRowReader reader = new NdjsonRowReader(assembler, assembler.inputColumns());
        readLines(head, 0, headLength, reader);
        readLines(body, from, to, reader);
        return reader.finish();
    }

    /** The first {@code \n} in {@code bytes[from, to)}, else {@code to} (eight bytes at a time). */
    public static int newline(byte[] bytes, int from, int to) {
        return NdjsonLineScanner.indexOfNewline(bytes, from, to);
    }

    /** Lines read before the builders are sized for the rest of the input from what those lines held. */
    static final int SAMPLE_LINES = 64;

    /** Reads the lines of {@code body[from, to)}; the last may lack its {@code \n}. */
    static void readLines(byte[] body, int from, int to, NdjsonRowReader reader) {
        int start = from;
        int lines = 0;
        while (start < to) {
            int next = reader.readLineFrom(body, start, to);
            if (next < 0) {
                int newline = NdjsonLineScanner.indexOfNewline(body, start, to);
                reader.readLine(body, start, newline);
                next = newline + 1;
            }
            start = next;
            if (++lines == SAMPLE_LINES && start < to) {
                // the first lines predict the rest: size the builders once (5 % over) instead of doubling
                reader.expectMore(1.05 * (to - from) / (start - from));
            }
        }
    }

    private static void read(InputStream body, NdjsonRowReader reader) {
        LineReader lines = new LineReader(body);
        try {
            while (lines.next()) {
                reader.readLine(lines.line(), lines.lineLength());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the NDJSON body failed", e);
        }
    }
}
