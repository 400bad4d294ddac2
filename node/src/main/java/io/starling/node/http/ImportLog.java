package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.sql.format.input.ParseSummary;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What one Data Sources API import did, block by block (spec data-plane §1.2.1): the body is one block whose
 * chunks are written as parts. Feeds {@code debug=blocks,block_log} (the {@code blocks} and {@code block_log}
 * fields of the answer) and {@code progress=true} (each block-log entry streamed as a JSON line as it happens).
 * Thread-safe: the parser and the chunk writers report from their own threads.
 */
final class ImportLog implements IngestService.Progress {
    /** Every import keeps quiet unless asked: no entries, no lines. */
    static final ImportLog NONE = new ImportLog(false, false, null);

    private final boolean blocks;
    private final boolean blockLog;
    private final Consumer<ObjectNode> lines;
    private final String blockId = UUID.randomUUID().toString();
    private final long startNanos = System.nanoTime();
    private final List<ObjectNode> entries = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long emptyLines;
    private volatile long rows;
    private volatile long quarantinedRows;

    private ImportLog(boolean blocks, boolean blockLog, Consumer<ObjectNode> lines) {
        this.blocks = blocks;
        this.blockLog = blockLog;
        this.lines = lines;
    }

    /** From the {@code debug} parameter (comma list of blocks, block_log, hook_log) and a progress line sink. */
    static ImportLog of(Map<String, String> parameters, Consumer<ObjectNode> progressLines) {
        String debug = parameters.getOrDefault("debug", "").toLowerCase(Locale.ROOT);
        List<String> wanted = List.of(debug.split("\\s*,\\s*"));
        boolean blocks = wanted.contains("blocks");
        boolean blockLog = wanted.contains("block_log");
        if (!blocks && !blockLog && progressLines == null) {
            return NONE;
        }
        return new ImportLog(blocks, blockLog, progressLines);
    }

    private boolean active() {
        return blocks || blockLog || lines != null;
    }

    /** Records {@code status} (processing, guessing, inserting_chunk:N, done_inserting_chunk:N, done). */
    void status(String status) {
        if (!active()) {
            return;
        }
        ObjectNode entry = Json.object();
        entry.put("block_id", blockId);
        entry.put("status", status);
        entry.put("timestamp", System.currentTimeMillis() / 1000.0);
        synchronized (entries) {
            entries.add(entry);
        }
        if (lines != null) {
            ObjectNode line = entry.deepCopy();
            if (status.startsWith("done")) {
                line.put("rows", rows);
                line.put("quarantine_rows", quarantinedRows);
            }
            lines.accept(line);
        }
    }

    /** {@code body} counting the bytes read into this import's block. */
    InputStream count(InputStream body) {
        if (!active()) {
            return body;
        }
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    bytes.addAndGet(read);
                }
                return read;
            }
        };
    }

    @Override
    public void written(long rows, long quarantinedRows, long chunks) {
        this.rows = rows;
        this.quarantinedRows = quarantinedRows;
    }

    @Override
    public void inserting(long chunk) {
        status("inserting_chunk:" + chunk);
    }

    @Override
    public void inserted(long chunk) {
        status("done_inserting_chunk:" + chunk);
    }

    @Override
    public void parsed(ParseSummary summary) {
        emptyLines = summary.emptyLines();
    }

    /** Adds {@code blocks} and {@code block_log} to an import's answer, as {@code debug} asked. */
    void addTo(ObjectNode response, IngestResult result) {
        if (blocks) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            ObjectNode block = Json.object();
            block.put("block_id", blockId);
            ObjectNode processed = block.putArray("process_return").addObject();
            processed.put("lines", result.successfulRows() + result.quarantinedRows() + result.invalidLines());
            processed.put("parser", "native");
            processed.put("quarantine", result.quarantinedRows());
            processed.put("time", seconds);
            processed.put("invalid_lines", result.invalidLines());
            processed.put("empty_lines", emptyLines);
            processed.put("bytes", bytes.get());
            block.put("processing_time", seconds);
            block.putNull("processing_error"); // a failed import answers an error instead
            block.putNull("processing_error_type");
            response.putArray("blocks").add(block);
        }
        if (blockLog) {
            ArrayNode array = response.putArray("block_log");
            synchronized (entries) {
                entries.forEach(array::add);
            }
        }
    }
}
