package io.starling.node.ingest;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.node.shard.LocalTables;
import io.starling.node.shard.Replicas;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableTransaction;
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
import io.starling.sql.format.parquet.ParquetFile;
import io.starling.sql.format.parquet.ParquetInput;
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
    /** Beside the table directories; a dot keeps it apart from table ids. */
    static final String TRANSACTIONS_DIRECTORY = ".transactions";
    private final java.util.Set<java.nio.file.Path> cleanedTransactions = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
        return finish(writer, summary, importId, progress);
    }

    /**
     * Streams a Parquet file into the data source like {@link #ingest}: read column by column, one row group at a
     * time, straight into blocks ({@link ParquetInput}; columns map by jsonpath, {@code $.<name>} without one),
     * each chunk written while the next is read, bad rows to the quarantine. Closes {@code file}.
     */
    public IngestResult ingestParquet(DataSourceSpec dataSource, ParquetFile file, String importId,
                                      Progress progress) {
        ChunkWriter writer = new ChunkWriter(dataSource, importId, progress);
        ParseSummary summary;
        try (file) {
            summary = ParquetInput.stream(file, ingestColumns(dataSource, Format.NDJSON), chunkLimits, writer::write);
        } catch (RuntimeException e) {
            writer.settle();
            throw e;
        }
        return finish(writer, summary, importId, progress);
    }

    /** After a streamed parse: reports it, waits for the last chunk's write, and sums up the import. */
    private static IngestResult finish(ChunkWriter writer, ParseSummary summary, String importId, Progress progress) {
        if (progress != null) {
            progress.parsed(summary);
        }
        writer.finish();
        return new IngestResult(importId, summary.goodRows(), summary.quarantinedRows(), summary.invalidLines());
    }

    /** Parses a Parquet file against the data source's columns (without writing). Closes {@code file}. */
    public ParsedRows parseParquet(DataSourceSpec dataSource, ParquetFile file) {
        try (file) {
            return ParquetInput.parse(file, ingestColumns(dataSource, Format.NDJSON));
        }
    }

    /** Running totals of a streamed import, after each durable chunk. */
    @FunctionalInterface
    public interface Progress {
        void written(long rows, long quarantinedRows, long chunks);

        /** Chunk {@code chunk} (0-based, in body order) is handed to a writer. */
        default void inserting(long chunk) {
        }

        /** Chunk {@code chunk} is durable; called after {@link #written} of that chunk. */
        default void inserted(long chunk) {
        }

        /** The parse ended: totals, empty lines included (before the last writes are durable). */
        default void parsed(ParseSummary summary) {
        }
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
        /** Chunks handed to writers (parser thread only). */
        private long submitted;
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
            long index = submitted++;
            if (progress != null) {
                progress.inserting(index);
            }
            inFlight.addLast(CompletableFuture.runAsync(() -> {
                if (writeBlock(dataSource, chunk.block(), chunk.quarantined(), importId) && !insertedLocally) {
                    insertedLocally = true;
                    // registers the table for merges now, so its next chunks count as inserts flowing and the
                    // big merges of this import wait for it to end instead of starting under its last chunks
                    mergeSoon(dataSource);
                }
                synchronized (this) {
                    rows += chunk.goodRows();
                    quarantined += chunk.quarantined().size();
                    chunks++;
                    if (progress != null) {
                        progress.written(rows, quarantined, chunks);
                        progress.inserted(index);
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
        return writeBlock(dataSource, block, bad, importId, null);
    }

    /**
     * Like {@link #writeBlock(DataSourceSpec, Block, List, String)} with an insert deduplication token (nullable):
     * when the data source's table already committed {@code insertToken} (its last 1000 tokens, kept across
     * restarts) the block is a retry and nothing is written, its materialized views included.
     *
     * <p>Atomicity: the materialized views' rows (cascades included) are derived before anything is written (a
     * failing view fails the append with nothing written); on a node whose tables are local, the block and every
     * derived block are then committed in one {@link TableTransaction}: all visible and durable, or none, even
     * across a crash. Replicated tables write the block, then the derived rows, through their shard logs.
     */
    public boolean writeBlock(DataSourceSpec dataSource, Block block, List<QuarantinedRow> bad, String importId,
                              String insertToken) {
        boolean local = false;
        if (block != null && block.rowCount() > 0) {
            local = append(dataSource, block, insertToken);
        }
        if (bad != null && !bad.isEmpty()) {
            writeQuarantine(dataSource, List.of(new QuarantineBlocks.Rejected(bad, importId)));
        }
        return local;
    }

    /**
     * Writes the rejected rows of several requests (each with its import id) to the data source's quarantine
     * together, as one insert per {@link Block#MAX_ROWS} rows: a group commit of many requests that each bring a
     * few bad rows writes one quarantine part, not one per request. Durable when this returns. Blocking.
     */
    public void writeQuarantine(DataSourceSpec dataSource, List<QuarantineBlocks.Rejected> rejected) {
        TableSpec quarantine = DataSourceTables.quarantine(dataSource);
        for (Block rows : QuarantineBlocks.build(quarantine, rejected, clock.instant().getEpochSecond())) {
            await(replicas.insert(quarantine, rows).toCompletableFuture());
        }
    }

    /** Writes the block and its views' rows; answers whether they went into local tables. */
    private boolean append(DataSourceSpec dataSource, Block block, String insertToken) {
        InsertHook current = hook;
        TableSpec table = DataSourceTables.table(dataSource);
        MergeTreeTable source = localTable(table);
        if (source == null) {
            boolean keeps = current.keepsRows(dataSource);
            List<DerivedRows> derived = current.derive(dataSource, block);
            if (keeps) {
                await(replicas.insert(table, block).toCompletableFuture());
            }
            for (DerivedRows rows : derived) {
                for (Block derivedBlock : rows.blocks()) {
                    await(replicas.insert(DataSourceTables.table(rows.target()), derivedBlock).toCompletableFuture());
                }
            }
            current.afterInsert(dataSource, block);
            return false;
        }
        if (insertToken == null && !current.keepsRows(dataSource)) {
            commit(current.derive(dataSource, block), null, source, null);
            current.afterInsert(dataSource, block);
            return false;
        }
        if (insertToken == null) {
            List<DerivedRows> derived = current.derive(dataSource, block);
            if (derived.isEmpty()) {
                source.insert(block);   // one table: its own insert is atomic, no transaction records needed
            } else {
                commit(derived, block, source, null);
            }
            current.afterInsert(dataSource, block);
            return true;
        }
        try (TableTransaction transaction = new TableTransaction(transactions(source), insertToken)) {
            if (!transaction.claim(source)) {
                return false;   // a retry of a committed (or running) insert: nothing to write, views not run again
            }
            boolean keeps = current.keepsRows(dataSource);
            List<DerivedRows> derived = current.derive(dataSource, block);
            fill(transaction, derived, keeps ? block : null, source);
            transaction.commit();
            current.afterInsert(dataSource, block);
            return keeps;
        }
    }

    /** One transaction holding {@code block} (nullable: not kept) in {@code source} and the derived rows. */
    private void commit(List<DerivedRows> derived, Block block, MergeTreeTable source, String insertToken) {
        if (derived.isEmpty() && block == null) {
            return;
        }
        try (TableTransaction transaction = new TableTransaction(transactions(source), insertToken)) {
            fill(transaction, derived, block, source);
            transaction.commit();
        }
    }

    private void fill(TableTransaction transaction, List<DerivedRows> derived, Block block, MergeTreeTable source) {
        if (block != null) {
            transaction.insert(source, block);
        }
        for (DerivedRows rows : derived) {
            MergeTreeTable target = localTable(DataSourceTables.table(rows.target()));
            if (target == null) {
                throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Data source [" + rows.target().getName()
                        + "], a materialized view target, is not open on this node; retry the append");
            }
            for (Block derivedBlock : rows.blocks()) {
                transaction.insert(target, derivedBlock);
            }
        }
    }

    /** The node's transaction decision directory, beside the table directories; cleaned once per process. */
    private java.nio.file.Path transactions(MergeTreeTable table) {
        java.nio.file.Path directory = table.directory().toAbsolutePath().getParent().resolve(TRANSACTIONS_DIRECTORY);
        if (cleanedTransactions.add(directory)) {
            TableTransaction.cleanUp(directory);
        }
        return directory;
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
            IngestColumn.Kind kind = IngestColumn.Kind.of(column.hasDefaultKind() ? column.getDefaultKind() : null);
            columns.add(new IngestColumn(column.getName(), DataTypes.parseStored(column.getType()),
                    kind.fromInput() ? jsonPath : null,
                    column.hasDefaultExpression() ? column.getDefaultExpression() : null, kind));
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
