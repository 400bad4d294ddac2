package io.starling.node.cluster.query;

import io.starling.protocol.shard.TableSpec;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.exec.ValueText;
import io.starling.node.bridge.EngineContracts;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A shard reader for the planner tests: runs each fragment's SQL on MergeTree tables in this process, as the
 * shards' replicas would, and records the SQL it was sent.
 */
final class InProcessShards implements ShardReader {
    private final Supplier<MergeTreeTable[]> shards;
    private final List<String> fragments;
    private final QueryEngine engine;

    InProcessShards(Supplier<MergeTreeTable[]> shards, List<String> fragments, QueryEngine engine) {
        this.shards = shards;
        this.fragments = fragments;
        this.engine = engine;
    }

    @Override
    public BlockStream run(TableSpec table, String sql, Map<String, String> settings, Instant deadline,
                           ScanStatistics statistics) {
        fragments.add(sql);
        List<Block> blocks = new ArrayList<>();
        for (MergeTreeTable shard : shards.get()) {
            TableSource source = EngineContracts.tableSource(FragmentPlanner.SHARD_TABLE, shard);
            QueryResult result = engine.execute(sql, new QueryContext((database, name) ->
                    name.equals(FragmentPlanner.SHARD_TABLE) ? Optional.of(source) : Optional.empty(),
                    deadline, settings));
            blocks.addAll(result.blocks());
            statistics.add(result.rowsRead(), result.bytesRead());
        }
        Iterator<Block> next = blocks.iterator();
        return new BlockStream() {
            @Override
            public Block next() {
                return next.hasNext() ? next.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public BlockStream scan(TableSpec table, List<String> columns, boolean isFinal, Instant deadline,
                            ScanStatistics statistics) {
        return run(table, FragmentPlanner.scanSql(columns, isFinal), Map.of(), deadline, statistics);
    }

    @Override
    public QueryEngine engine() {
        return engine;
    }

    /** A result's rows as tab-separated text, in order. */
    static List<String> rows(QueryResult result) {
        List<String> rows = new ArrayList<>();
        for (Block block : result.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                StringBuilder line = new StringBuilder();
                for (int column = 0; column < block.columnCount(); column++) {
                    line.append(column == 0 ? "" : "\t").append(ValueText.toText(block.column(column), row));
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }
}
