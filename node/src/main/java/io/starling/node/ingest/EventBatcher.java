package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.exec.Blocks;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.type.DataType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the Events API: the rows of concurrent requests to one data source are written together as
 * one part per flush, instead of one part (and fsync) per request.
 *
 * <p>Per data source at most one write runs at a time. A {@code wait=true} request joins the next write and
 * starts it at once when none is running; rows arriving while a write runs join the write after it. The caller's
 * future completes when the part holding its rows is durable. {@code wait=false} rows are buffered: their
 * future completes as soon as they are queued, and they are written within {@code flushInterval} (earlier
 * when a {@code wait=true} request or a full buffer triggers a write). A failed write fails the futures of
 * its {@code wait=true} callers; buffered {@code wait=false} rows of a failed write are logged and lost (202
 * promised nothing durable). Thread-safe.
 */
public final class EventBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);
    private static final long MERGE_ASK_INTERVAL_NANOS = 1_000_000_000L;

    /**
     * @param flushInterval longest time buffered wait=false rows wait before being written
     * @param maxBatchRows  a batch with this many rows is written at once, whatever the interval
     */
    public record Settings(Duration flushInterval, int maxBatchRows) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(150), 1_000_000);

        /** DEFAULT, with {@code -Dstarling.events.flush-interval-ms=N} overriding the interval. */
        public static Settings fromSystemProperties() {
            String interval = System.getProperty("starling.events.flush-interval-ms");
            return interval == null ? DEFAULT
                    : new Settings(Duration.ofMillis(Long.parseLong(interval.trim())), DEFAULT.maxBatchRows());
        }
    }

    private final IngestService ingest;
    private final Settings settings;
    private final Executor writers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("events-flush-timer").daemon(true).factory());
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    public EventBatcher(IngestService ingest, Settings settings, Executor writers) {
        this.ingest = ingest;
        this.settings = settings;
        this.writers = writers;
    }

    /**
     * Queues the parsed rows of one request. With {@code wait}, answers once they are durable; without, answers
     * once they are buffered.
     */
    public CompletableFuture<Void> append(DataSourceSpec dataSource, ParsedRows parsed, String importId, boolean wait) {
        Queue queue = queues.computeIfAbsent(dataSource.getId() + "@" + dataSource.hashCode(),
                key -> new Queue(dataSource));
        Pending pending = new Pending(parsed, importId, wait, new CompletableFuture<>());
        queue.add(pending);
        return wait ? pending.durable : CompletableFuture.completedFuture(null);
    }

    /** The rows of one request waiting for a write. */
    private record Pending(ParsedRows parsed, String importId, boolean waits, CompletableFuture<Void> durable) {
    }

    /** The pending requests of one data source (one schema version of it). */
    private final class Queue {
        private final DataSourceSpec dataSource;
        private List<Pending> pending = new ArrayList<>();
        private long pendingRows;
        private boolean urgent;
        private boolean writing;
        private boolean timerSet;
        /** When a write last asked for merges (System.nanoTime); guarded by this. */
        private long mergeAskedNanos;
        private boolean mergeAsked;

        Queue(DataSourceSpec dataSource) {
            this.dataSource = dataSource;
        }

        void add(Pending request) {
            synchronized (this) {
                pending.add(request);
                pendingRows += request.parsed().goodRows();
                urgent |= request.waits() || pendingRows >= settings.maxBatchRows();
                if (!writing) {
                    startOrSchedule();
                }
            }
        }

        /** Holds the lock; called when no write runs. */
        private void startOrSchedule() {
            if (pending.isEmpty()) {
                return;
            }
            if (urgent) {
                List<Pending> batch = pending;
                pending = new ArrayList<>();
                pendingRows = 0;
                urgent = false;
                writing = true;
                writers.execute(() -> write(batch));
            } else if (!timerSet) {
                timerSet = true;
                timer.schedule(this::due, settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void due() {
            synchronized (this) {
                timerSet = false;
                urgent |= !pending.isEmpty();
                if (!writing) {
                    startOrSchedule();
                }
            }
        }

        private void write(List<Pending> batch) {
            Throwable failure = null;
            boolean local = false;
            try {
                local = writeBatch(dataSource, batch);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            boolean askMerges = false;
            if (failure == null && local) {
                // the insert itself wakes the merge scheduler of a table that merges in the background; asking
                // again (which also registers the table) once a second is enough and spares each group commit
                // a second scheduler wake-up
                long now = System.nanoTime();
                synchronized (this) {
                    askMerges = !mergeAsked || now - mergeAskedNanos >= MERGE_ASK_INTERVAL_NANOS;
                    if (askMerges) {
                        mergeAsked = true;
                        mergeAskedNanos = now;
                    }
                }
            }
            for (Pending request : batch) {
                if (failure == null) {
                    request.durable().complete(null);
                } else {
                    request.durable().completeExceptionally(failure);
                }
            }
            if (askMerges) {
                try {
                    ingest.mergeSoon(dataSource);
                } catch (RuntimeException e) {
                    LOG.warn("Scheduling merges of [{}] failed: {}", dataSource.getName(), e.toString());
                }
            }
            if (failure != null && batch.stream().anyMatch(request -> !request.waits())) {
                LOG.error("Writing buffered Events API rows to [{}] failed; they are lost: {}", dataSource.getName(),
                        failure.toString());
            }
            synchronized (this) {
                writing = false;
                startOrSchedule();
            }
        }
    }

    /**
     * Writes the batch's rows as one part and the bad rows of all its requests as one quarantine part; answers
     * whether the part is local.
     */
    private boolean writeBatch(DataSourceSpec dataSource, List<Pending> batch) {
        List<Block> blocks = new ArrayList<>();
        for (Pending request : batch) {
            blocks.addAll(request.parsed().blocks());
        }
        Block merged = null;
        if (!blocks.isEmpty()) {
            List<DataType> types = new ArrayList<>();
            for (Column column : blocks.get(0).columns()) {
                types.add(column.type());
            }
            List<Column> columns = Blocks.concat(blocks, types);
            merged = new Block(columns, columns.get(0).size());
        }
        boolean local = ingest.writeBlock(dataSource, merged, List.of(), null);
        List<QuarantineBlocks.Rejected> rejected = new ArrayList<>();
        for (Pending request : batch) {
            List<QuarantinedRow> bad = request.parsed().quarantined();
            if (!bad.isEmpty()) {
                rejected.add(new QuarantineBlocks.Rejected(bad, request.importId()));
            }
        }
        if (!rejected.isEmpty()) {
            ingest.writeQuarantine(dataSource, rejected);
        }
        return local;
    }

    /** Writes every buffered row now and waits for the writes (node shutdown). */
    public void flushAll() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Queue queue : queues.values()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queue.add(new Pending(EMPTY, null, true, done));
            writes.add(done);
        }
        for (CompletableFuture<Void> write : writes) {
            try {
                write.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Flushing buffered Events API rows failed: {}", e.toString());
            }
        }
    }

    private static final ParsedRows EMPTY = new ParsedRows(List.of(), List.of(), 0, 0);

    @Override
    public void close() {
        flushAll();
        timer.shutdownNow();
    }
}
