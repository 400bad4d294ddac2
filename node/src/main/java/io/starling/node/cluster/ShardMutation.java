package io.starling.node.cluster;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.Ack;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.block.Block;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.PreparedPart;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One truncate, replace or delete of a replicated table's shard on the replica that executes it (called by
 * {@link ReplicaNode#mutate} under the shard lock, after catching up): reads the log's live parts, prepares the
 * replacement parts, commits one RangeDropped entry naming the dropped and the new parts, and swaps them locally.
 * Parts written by inserts still in flight are not live yet, so they are left alone (they commit after the entry).
 */
final class ShardMutation {
    static final String TRUNCATE = "truncate";
    static final String REPLACE_ALL = "replace_all";
    static final String REPLACE_WHERE = "replace_where";
    static final String DELETE_WHERE = "delete_where";

    private ShardMutation() {
    }

    static ReplicaHostReply run(ReplicaNode node, ReplicaMutateRequest request, MergeTreeTable table,
                                RowSelector selector) {
        String tableId = request.getTable().getTableId();
        int shard = request.getShard();
        String kind = request.getKind();
        boolean conditional = kind.equals(REPLACE_WHERE) || kind.equals(DELETE_WHERE);
        if (conditional && (selector == null || request.getCondition().isBlank())) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "A " + kind + " needs a condition");
        }
        if (!List.of(TRUNCATE, REPLACE_ALL, REPLACE_WHERE, DELETE_WHERE).contains(kind)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unknown mutation [" + kind + "]");
        }
        ShardLogReply log = ReplicaNode.await(node.logs().getLog(tableId, shard, Long.MAX_VALUE));
        Set<String> live = new HashSet<>();
        for (Holding holding : log.getHoldingsList()) {
            live.add(holding.getPartName());
        }
        List<Block> incoming = new ArrayList<>();
        request.getBlocksList().forEach(bytes -> incoming.add(EngineContracts.deserialize(bytes.toByteArray())));
        var columns = table.definition().columns();
        List<PreparedPart> add = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        long rowsBefore = 0;
        long rows = 0;
        long blockNumber = 0;
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            List<DataPart> parts = snapshot.parts().stream().filter(part -> live.contains(part.name())).toList();
            if (parts.size() != live.size()) {
                throw new StarlingException(ErrorCode.ABORTED, "Replica " + request.getReplica() + " of [" + tableId
                        + "] shard " + shard + " holds " + parts.size() + " of the " + live.size()
                        + " live parts; it is catching up, retry");
            }
            for (DataPart part : parts) {
                rowsBefore += part.rowCount();
            }
            List<Block> newRows = switch (kind) {
                case REPLACE_ALL -> incoming;
                case REPLACE_WHERE -> selector.rowsWhere(columns, incoming, "(" + request.getCondition() + ")");
                default -> List.of();
            };
            if (kind.equals(REPLACE_ALL) || kind.equals(REPLACE_WHERE)) {
                blockNumber = ReplicaNode.await(node.logs().allocate(tableId, shard, "")).getBlockNumber();
                add.addAll(table.prepareRows(newRows, blockNumber));
                rows = newRows.stream().mapToLong(Block::rowCount).sum();
            }
            switch (kind) {
                case TRUNCATE, REPLACE_ALL -> parts.forEach(part -> dropped.add(part.name()));
                case REPLACE_WHERE -> {
                    Set<String> touched = new HashSet<>();
                    for (Block block : newRows) {
                        touched.addAll(table.partitionIds(block));
                    }
                    for (DataPart part : parts) {
                        if (touched.contains(part.partitionId())) {
                            rewrite(table, selector, part, request.getCondition(), dropped, add);
                        }
                    }
                }
                case DELETE_WHERE -> {
                    for (DataPart part : parts) {
                        rows += rewrite(table, selector, part, request.getCondition(), dropped, add);
                    }
                }
                default -> throw new IllegalStateException(kind);
            }
            ReplicaHostReply.Builder reply = ReplicaHostReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                    .setReplica(request.getReplica()).setRows(rows).setRowsBefore(rowsBefore);
            if (dropped.isEmpty() && add.isEmpty() && blockNumber == 0) {
                return reply.build();
            }
            RangeDropped.Builder entry = RangeDropped.newBuilder().setReason(kind).addAllDroppedParts(dropped)
                    .setBlockNumber(blockNumber);
            add.stream().filter(part -> !part.empty()).forEach(part -> entry.addReplacementParts(part.name().toString()));
            long index = ReplicaNode.await(node.logs().commitDrop(tableId, shard, entry.build(), request.getReplica()))
                    .getEntryIndex();
            table.swapParts(dropped, add);
            add.clear();
            entry.getReplacementPartsList().forEach(reply::addPartNames);
            return reply.setEntryIndex(index).build();
        } finally {
            add.forEach(PreparedPart::discard);
        }
    }

    /**
     * Rewrites {@code part} without the rows matching {@code condition} when it has any: the part goes to
     * {@code dropped}, its remainder (unless empty) to {@code add}. Returns the rows removed.
     */
    private static long rewrite(MergeTreeTable table, RowSelector selector, DataPart part, String condition,
                                List<String> dropped, List<PreparedPart> add) {
        List<Block> kept = selector.rowsWhere(table.definition().columns(), List.of(part), "NOT (" + condition + ")");
        long keptRows = kept.stream().mapToLong(Block::rowCount).sum();
        if (keptRows == part.rowCount()) {
            return 0;
        }
        dropped.add(part.name());
        PreparedPart rewritten = table.prepareRewrite(part.name(), kept);
        if (!rewritten.empty()) {
            add.add(rewritten);
        }
        return part.rowCount() - keptRows;
    }
}
