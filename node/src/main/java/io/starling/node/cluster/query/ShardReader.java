package io.starling.node.cluster.query;

import io.starling.protocol.shard.TableSpec;
import io.starling.sql.QueryEngine;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ScanStatistics;
import java.time.Instant;
import java.util.Map;

/**
 * Runs a fragment on every shard of a table and answers all their blocks, or fails: {@link DistributedReads} in a
 * cluster, an in-process fake in tests. Blocking; thread-safe.
 */
public interface ShardReader {
    /** Runs {@code sql} (reading {@value FragmentPlanner#SHARD_TABLE}) on one replica of every shard. */
    BlockStream run(TableSpec table, String sql, Map<String, String> settings, Instant deadline,
                    ScanStatistics statistics);

    /**
     * Streams {@code columns} (at least one) of every row of every shard, FINAL when asked, without running a query
     * on the replicas: what joins and subqueries read.
     */
    BlockStream scan(TableSpec table, java.util.List<String> columns, boolean isFinal, Instant deadline,
                     ScanStatistics statistics);

    /** The engine that analyses fragments locally (their result schema). */
    QueryEngine engine();
}
