package io.starling.node.ingest;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.node.shard.LocalTables;
import io.starling.node.shard.Replicas;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableSpec;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.CsvDialect;
import io.starling.sql.format.input.ParseSummary;
import io.starling.sql.format.input.ParsedChunk;
import io.starling.sql.format.input.CsvInput;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parses an import body against a data source and writes it: good rows to the data source's shard replica,
 * bad rows to {@code X_quarantine}. Blocking (parsing and waiting for durable parts): run it on the
 * blocking-IO dispatcher. Thread-safe.
 */
public final class IngestService {
    public enum Format { CSV, NDJSON }

    private static final Duration INSERT_TIMEOUT = Duration.ofSeconds(120);
    /** Chunk writes of one import running while its parser goes on (each holds one chunk in memory). */
    private static final int MAX_WRITES_IN_FLIGHT = 2;

    private final Replicas replicas;
    private final Clock clock;
    private volatile InsertHook hook = InsertHook.NONE;

    private final ChunkLimits chunkLimits;
    private final LocalTables localTables;
    private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ingest-writer-", 0).daemon(true).factory());

    public IngestService(Replicas replicas, Clock clock) {
        this(replicas, clock, ChunkLimits.DEFAULT);
    }

    /** {@code chunkLimits}: how big streamed chunks (one part each) may grow. */
    public IngestService(Replicas replicas, Clock clock, ChunkLimits chunkLimits) {
        this(replicas, clock, chunkLimits, null);
    }

    /**
     * With {@code localTables} (nullable; pass null for replicated tables, whose inserts must go through the
     * replica), blocks for tables open on this node are written straight into the table (no block
     * serialization through the replica actor), and streamed imports merge once at the end instead of after
     * every chunk.
     */
    public IngestService(Replicas replicas, Clock clock, ChunkLimits chunkLimits, LocalTables localTables) {
        this.replicas = replicas;
        this.clock = clock;
        this.chunkLimits = chunkLimits;
        this.localTables = localTables;
    }

    /** Installs what runs around every appended block (materialized views, Null engines). */
    public void setInsertHook(InsertHook hook) {
        this.hook = hook == null ? InsertHook.NONE : hook;
    }

    /** Parses and inserts {@code body}; answers once every written row is durable. Closes {@code body}. */
    public IngestResult ingest(DataSourceSpec dataSource, InputStream body, Format format, CsvDialect dialect,
                               String importId) {
        return ingest(dataSource, body, format, dialect, importId, null);
    }

    /**
     * Streams {@code body} into the data source: parses it chunk by chunk ({@link #chunkLimits}) and writes each
     * chunk as a part while the next one is parsed (up to two writes in flight, so at most about three chunks are held
     * in memory), bad rows to the quarantine as they come. Answers once every written row is durable; a failure
     * leaves the chunks written before it in place. {@code progress} (nullable) hears the running totals after
     * each chunk is durable. Closes {@code body}.
     */
    public IngestResult ingest(DataSourceSpec dataSource, InputStream body, Format format, CsvDialect dialect,
                               String importId, Progress progress) {
        ChunkWriter writer = new ChunkWriter(dataSource, importId, progress);
        ParseSummary summary;
        try (InputStream input = RequestBodies.gunzipIfCompressed(body)) {
            List<IngestColumn> columns = ingestColumns(dataSource, format);
            summary = switch (format) {
                case CSV -> CsvInput.stream(input, columns, dialect == null ? CsvDialect.GUESS : dialect,
                        chunkLimits, writer::write);
                case NDJSON -> NdjsonInput.stream(input, columns, chunkLimits, writer::write);
            };
        } catch (IOException | java.io.UncheckedIOException e) {
            writer.settle();
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA,
                    "Cannot read the request body: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            writer.settle();
            throw e;
        }
        writer.finish();
        return new IngestResult(importId, summary.goodRows(), summary.quarantinedRows(), summary.invalidLines());
    }

    /** Running totals of a streamed import, after each durable chunk. */
    @FunctionalInterface
    public interface Progress {
        void written(long rows, long quarantinedRows, long chunks);
    }

    /**
     * Writes the chunks of one import: each chunk's insert runs on a writer thread while the parser goes on;
     * before handing over a chunk the parser waits while {@value #MAX_WRITES_IN_FLIGHT} writes are running.
     */
    private final class ChunkWriter {
        private final DataSourceSpec dataSource;
        private final TableSpec table;
        private final TableSpec quarantine;
        private final String importId;
        private final Progress progress;
        private final java.util.ArrayDeque<CompletableFuture<Void>> inFlight = new java.util.ArrayDeque<>();
        private long rows;
        private long quarantined;
        private long chunks;
        private volatile boolean insertedLocally;

        ChunkWriter(DataSourceSpec dataSource, String importId, Progress progress) {
            this.dataSource = dataSource;
            this.table = DataSourceTables.table(dataSource);
            this.quarantine = DataSourceTables.quarantine(dataSource);
            this.importId = importId;
            this.progress = progress;
        }

        void write(ParsedChunk chunk) {
            while (inFlight.size() >= MAX_WRITES_IN_FLIGHT) {
                await(inFlight.removeFirst());
            }
            inFlight.addLast(CompletableFuture.runAsync(() -> {
                if (writeBlock(dataSource, chunk.block(), chunk.quarantined(), importId)) {
                    insertedLocally = true;
                }
                synchronized (this) {
                    rows += chunk.goodRows();
                    quarantined += chunk.quarantined().size();
                    chunks++;
                    if (progress != null) {
                        progress.written(rows, quarantined, chunks);
                    }
                }
            }, writers));
        }

        /** Waits for the last writes (a failure fails the import), then merges the new parts in the background. */
        void finish() {
            try {
                while (!inFlight.isEmpty()) {
                    await(inFlight.removeFirst());
                }
            } finally {
                mergeLater();
            }
        }

        private void mergeLater() {
            if (insertedLocally) {
                mergeSoon(dataSource);
            }
        }

        /** After a parse failure: lets the last write end, ignoring its outcome (the parse error wins). */
        void settle() {
            for (CompletableFuture<Void> write : inFlight) {
                try {
                    write.get(INSERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // the parse failure is reported
                }
            }
            mergeLater();
        }
    }

    /**
     * Writes {@code block} (nullable) as one part (through the data source's insert hook) and {@code bad} to the
     * quarantine; durable when this returns. Blocking. Answers whether the rows went straight into a local table
     * (then the caller should {@link #mergeSoon} it; inserts through the replica actor merge by themselves).
     */
    public boolean writeBlock(DataSourceSpec dataSource, Block block, List<QuarantinedRow> bad, String importId) {
        boolean local = false;
        if (block != null && block.rowCount() > 0) {
            InsertHook current = hook;
            if (current.keepsRows(dataSource)) {
                TableSpec table = DataSourceTables.table(dataSource);
                MergeTreeTable open = localTable(table);
                if (open != null) {
                    open.insert(block);
                    local = true;
                } else {
                    await(replicas.insert(table, block).toCompletableFuture());
                }
            }
            current.afterInsert(dataSource, block);
        }
        if (bad != null && !bad.isEmpty()) {
            TableSpec quarantine = DataSourceTables.quarantine(dataSource);
            long now = clock.instant().getEpochSecond();
            for (Block rows : QuarantineBlocks.build(quarantine, bad, importId, now)) {
                await(replicas.insert(quarantine, rows).toCompletableFuture());
            }
        }
        return local;
    }

    /** The table when its replica is open here (opening it through the replica first), else null. */
    private MergeTreeTable localTable(TableSpec table) {
        if (localTables == null) {
            return null;
        }
        if (localTables.get(table.getTableId()).isEmpty()) {
            await(replicas.ensureOpen(table).toCompletableFuture());
        }
        return localTables.get(table.getTableId()).orElse(null);
    }


    /** Merges the data source's small parts in the background (one merge run per table at a time). */
    public void mergeSoon(DataSourceSpec dataSource) {
        if (localTables == null) {
            return;
        }
        // Open tables merge on the node-wide scheduler (LocalTables#mergeScheduler); an insert only wakes it.
        localTables.mergeSoon(DataSourceTables.table(dataSource).getTableId());
    }

    /** Writes the parsed rows' bad rows to the quarantine table. */
    public void quarantine(DataSourceSpec dataSource, ParsedRows parsed, String importId) {
        if (!parsed.quarantined().isEmpty()) {
            TableSpec quarantine = DataSourceTables.quarantine(dataSource);
            long now = clock.instant().getEpochSecond();
            for (Block block : QuarantineBlocks.build(quarantine, parsed.quarantined(), importId, now)) {
                await(replicas.insert(quarantine, block).toCompletableFuture());
            }
        }
    }

    /** Parses {@code body} against the data source's columns (without writing). Closes {@code body}. */
    public ParsedRows parse(DataSourceSpec dataSource, InputStream body, Format format, CsvDialect dialect) {
        ParsedRows parsed;
        try (InputStream input = RequestBodies.gunzipIfCompressed(body)) {
            List<IngestColumn> columns = ingestColumns(dataSource, format);
            parsed = switch (format) {
                case CSV -> CsvInput.parse(input, columns, dialect == null ? CsvDialect.GUESS : dialect);
                case NDJSON -> NdjsonInput.parse(input, columns);
            };
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA,
                    "Cannot read the request body: " + e.getMessage(), e);
        }
        return parsed;
    }

    static List<IngestColumn> ingestColumns(DataSourceSpec dataSource, Format format) {
        List<IngestColumn> columns = new ArrayList<>(dataSource.getColumnsCount());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            String jsonPath = column.hasJsonPath() ? column.getJsonPath()
                    : format == Format.NDJSON ? "$." + column.getName() : null;
            columns.add(new IngestColumn(column.getName(), DataTypes.parse(column.getType()), jsonPath,
                    column.hasDefaultExpression() ? column.getDefaultExpression() : null));
        }
        return columns;
    }

    public static void await(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(INSERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StarlingException(ErrorCode.STD_EXCEPTION, "Insert failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "The table replica did not confirm the insert within "
                    + INSERT_TIMEOUT.toSeconds() + " s; retry the request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Insert interrupted; retry the request");
        }
    }
}
