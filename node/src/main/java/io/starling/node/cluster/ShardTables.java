package io.starling.node.cluster;

import io.starling.protocol.shard.TableSpec;

/**
 * Where a shard's replica lives on a node: shard 0 in the table's own directory ({@code <tableId>}, as before
 * sharding), shard k > 0 in {@code <tableId>_s<k>}, so a node that holds replicas of two shards of one table keeps
 * their parts (whose block numbers come from separate logs) apart. The data port serves the same names. Pure.
 */
public final class ShardTables {
    private ShardTables() {
    }

    /** The spec of the shard's local table: the table's spec under the shard's directory name. */
    public static TableSpec local(TableSpec table, int shard) {
        return shard == 0 ? table : table.toBuilder().setTableId(localId(table.getTableId(), shard)).build();
    }

    public static String localId(String tableId, int shard) {
        return shard == 0 ? tableId : tableId + "_s" + shard;
    }
}
