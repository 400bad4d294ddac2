package io.starling.node.ingest;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.InsertResult;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a table's rows atomically for readers (one {@link MergeTreeTable#replaceParts} swap): full replace,
 * replace by condition per partition (spec data-plane §4.6) and delete by condition. Conditions are evaluated by
 * the SQL engine. Blocking; retries once when a merge changed the parts meanwhile.
 *
 * <p>On a server node (replicated tables) {@link #replace} and {@link #delete} go through the shard logs instead
 * ({@link io.starling.node.cluster.ReplicatedTables#mutate}): every replica applies the change, acknowledged once
 * a quorum did.
 */
public final class TableRewriter {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final QueryEngine engine;
    private final io.starling.node.shard.Replicas replicas;

    public TableRewriter(QueryEngine engine) {
        this(engine, null);
    }

    /** With {@code replicas} (may be null), data sources of a server node are rewritten through their shard logs. */
    public TableRewriter(QueryEngine engine, io.starling.node.shard.Replicas replicas) {
        this.engine = engine;
        this.replicas = replicas;
    }

    /** What a rewrite of a data source did: rows before, rows written (replace) or deleted (delete), rows after. */
    public record Outcome(long rowsBefore, long rows, Long rowsAfter) {
    }

    /**
     * Replaces the data source's rows with {@code rows} (all of them, or with a {@code condition} only the matching
     * rows of the partitions the new rows touch). Blocking.
     */
    public Outcome replace(DataSourceService dataSources, io.starling.protocol.catalog.DataSourceSpec dataSource,
                           List<Block> rows, String condition) {
        boolean whole = condition == null || condition.isBlank();
        var replicated = replicas == null ? null : replicas.replicated();
        if (replicated != null) {
            var reply = joined(replicated.mutate(
                    io.starling.coordinator.catalog.DataSourceTables.table(dataSource),
                    whole ? "replace_all" : "replace_where", whole ? null : condition, rows).toCompletableFuture());
            if (whole) {
                IngestService.await(dataSources.rowsReset(dataSource).toCompletableFuture());
            }
            return new Outcome(reply.getTotalRows(), reply.getRows(), null);
        }
        MergeTreeTable table = dataSources.localTable(dataSource);
        long before = table.statistics().rowCount();
        long written;
        if (whole) {
            replaceAll(table, rows);
            written = rows.stream().mapToLong(Block::rowCount).sum();
            IngestService.await(dataSources.rowsReset(dataSource).toCompletableFuture());
        } else {
            written = replaceWhere(table, rows, condition);
        }
        return new Outcome(before, written, table.statistics().rowCount());
    }

    /** Deletes the data source's rows matching {@code condition}. Blocking. */
    public Outcome delete(DataSourceService dataSources, io.starling.protocol.catalog.DataSourceSpec dataSource,
                          String condition) {
        var replicated = replicas == null ? null : replicas.replicated();
        if (replicated != null) {
            var reply = joined(replicated.mutate(
                    io.starling.coordinator.catalog.DataSourceTables.table(dataSource), "delete_where", condition,
                    List.of()).toCompletableFuture());
            return new Outcome(reply.getTotalRows(), reply.getRows(), reply.getTotalRows() - reply.getRows());
        }
        MergeTreeTable table = dataSources.localTable(dataSource);
        long before = table.statistics().rowCount();
        long deleted = deleteWhere(table, condition);
        return new Outcome(before, deleted, table.statistics().rowCount());
    }

    private static io.starling.protocol.shard.ShardReply joined(
            java.util.concurrent.CompletableFuture<io.starling.protocol.shard.ShardReply> future) {
        IngestService.await(future);
        return future.join();
    }

    /** The rows of {@code rowsOrParts} (Blocks, or DataParts of a held snapshot) matching the SQL {@code where}. */
    public List<Block> rowsWhere(List<ColumnDefinition> columns, List<?> rowsOrParts, String where) {
        return select(columns, rowsOrParts, where);
    }

    /** Replaces every row with {@code rows}; answers the rows before. */
    public long replaceAll(MergeTreeTable table, List<Block> rows) {
        return retry(() -> {
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                table.replaceParts(names(snapshot.parts()), rows);
                return snapshot.rowCount();
            }
        });
    }

    /**
     * Keeps the incoming rows matching {@code condition}; in the partitions they touch, deletes the rows matching
     * it and inserts them. Answers the rows written.
     */
    public long replaceWhere(MergeTreeTable table, List<Block> incoming, String condition) {
        List<Block> matching = select(table.definition().columns(), incoming, "(" + condition + ")");
        return retry(() -> {
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                java.util.Set<String> partitions = new java.util.HashSet<>();
                for (Block block : matching) {
                    partitions.addAll(table.partitionIds(block));
                }
                List<DataPart> touched = snapshot.parts().stream()
                        .filter(part -> partitions.contains(part.partitionId())).toList();
                List<Block> kept = select(table.definition().columns(), touched, "NOT (" + condition + ")");
                List<Block> all = new ArrayList<>(kept);
                all.addAll(matching);
                InsertResult result = table.replaceParts(names(touched), all);
                return result.rows();
            }
        });
    }

    /** Deletes the rows matching {@code condition}; answers how many were deleted. */
    public long deleteWhere(MergeTreeTable table, String condition) {
        return retry(() -> {
            try (MergeTreeSnapshot snapshot = table.snapshot()) {
                List<Block> kept = select(table.definition().columns(), snapshot.parts(), "NOT (" + condition + ")");
                long keptRows = kept.stream().mapToLong(Block::rowCount).sum();
                if (keptRows == snapshot.rowCount()) {
                    return 0L;
                }
                table.replaceParts(names(snapshot.parts()), kept);
                return snapshot.rowCount() - keptRows;
            }
        });
    }

    /** Counts the rows matching {@code condition} (for dry runs); also checks that it is valid SQL. */
    public long countWhere(MergeTreeTable table, String condition) {
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            return select(table.definition().columns(), snapshot.parts(), "(" + condition + ")").stream()
                    .mapToLong(Block::rowCount).sum();
        }
    }

    /**
     * Checks that {@code condition} is a valid SQL condition over {@code columns} (unknown columns, syntax, types)
     * without reading any row; throws the engine's error otherwise.
     */
    public void validate(List<ColumnDefinition> columns, String condition) {
        select(columns, List.of(), "(" + condition + ")");
    }

    private static List<String> names(List<DataPart> parts) {
        return parts.stream().map(DataPart::name).toList();
    }

    private List<Block> select(List<ColumnDefinition> columns, List<?> rowsOrParts, String where) {
        TableSource source = new ListSource(columns, rowsOrParts);
        TableProvider only = (database, name) -> database == null && name.equals("__rows") ? Optional.of(source)
                : Optional.empty();
        QueryResult result;
        try {
            result = engine.execute("SELECT * FROM __rows WHERE " + where,
                    new QueryContext(only, Instant.now().plus(TIMEOUT), Map.of()));
        } catch (StarlingException e) {
            throw new StarlingException(e.errorCode(), "The condition [" + where + "] is not valid: " + e.getMessage()
                    + ". Write a SQL boolean expression over the data source's columns", e);
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!result.columns().get(i).type().equals(columns.get(i).type())) {
                throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Rewriting changed the type of column ["
                        + columns.get(i).name() + "]");
            }
        }
        return result.blocks();
    }

    private static long retry(java.util.function.Supplier<Long> action) {
        try {
            return action.get();
        } catch (StarlingException e) {
            if (e.errorCode() != ErrorCode.ABORTED) {
                throw e;
            }
            return action.get();
        }
    }

    /** In-memory blocks or the parts of a held snapshot, as a query source. */
    private static final class ListSource implements TableSource {
        private final List<ColumnDefinition> columns;
        private final List<?> items;

        ListSource(List<ColumnDefinition> columns, List<?> items) {
            this.columns = columns;
            this.items = items;
        }

        @Override
        public String name() {
            return "__rows";
        }

        @Override
        public List<ColumnDefinition> columns() {
            return columns;
        }

        @Override
        public BlockStream scan(List<String> wanted, ScanStatistics statistics) {
            List<ColumnDefinition> definitions = new ArrayList<>();
            int[] positions = new int[wanted.size()];
            for (int i = 0; i < wanted.size(); i++) {
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).name().equals(wanted.get(i))) {
                        positions[i] = c;
                        definitions.add(columns.get(c));
                    }
                }
            }
            Iterator<?> iterator = items.iterator();
            return new BlockStream() {
                private BlockStream current;

                @Override
                public Block next() {
                    while (true) {
                        if (current != null) {
                            Block block = current.next();
                            if (block != null) {
                                return block;
                            }
                            current.close();
                            current = null;
                        }
                        if (!iterator.hasNext()) {
                            return null;
                        }
                        Object item = iterator.next();
                        if (item instanceof Block block) {
                            List<io.starling.storage.column.Column> selected = new ArrayList<>();
                            for (int position : positions) {
                                selected.add(block.column(position));
                            }
                            return new Block(selected, block.rowCount());
                        }
                        DataPart part = (DataPart) item;
                        BitSet granules = new BitSet();
                        granules.set(0, part.granuleCount());
                        current = part.scan(definitions, granules, statistics);
                    }
                }

                @Override
                public void close() {
                    if (current != null) {
                        current.close();
                    }
                }
            };
        }
    }
}
