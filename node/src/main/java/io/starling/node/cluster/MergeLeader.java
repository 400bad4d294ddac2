package io.starling.node.cluster;

import static io.starling.node.cluster.ReplicaNode.await;
import static io.starling.node.cluster.ReplicaNode.shardKey;

import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.PreparedPart;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge leader's side of replicated merges for one shard replica: picks merges of parts a quorum holds
 * ({@link MergeChoice}), prepares each locally, commits it to the ShardLog and only then publishes it. Split out of
 * {@link ReplicaNode}, which holds the shard lock, the merge lease and the replica's epoch while a round runs.
 *
 * <p>Blocking (disk, asks awaited). Stateless: callers serialize rounds per shard.
 */
final class MergeLeader {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);
    /** Largest total size of one replicated merge. */
    static final long MAX_MERGE_BYTES = 1L << 30;

    private final ShardLogs logs;

    MergeLeader(ShardLogs logs) {
        this.logs = logs;
    }

    /**
     * Runs up to {@code maxMerges} merges as leader {@code replica} (incarnation {@code epoch}) starting from
     * {@code log}; answers the merges committed. Call under the shard lock, holding the merge lease.
     */
    int round(TableSpec spec, int shard, int replica, long epoch, MergeTreeTable table, ShardLogReply log,
              int maxMerges) {
        int done = 0;
        while (done < maxMerges) {
            // Only parts a quorum holds are merged: merging a fresh part before the others fetched it would
            // make their fetches (and so the insert's quorum) fail.
            int quorum = ReplicatedTables.quorum(spec, log.getPlacementCount());
            Set<String> settled = new HashSet<>();
            log.getHoldingsList().stream().filter(holding -> holding.getReplicasCount() >= quorum)
                    .forEach(holding -> settled.add(holding.getPartName()));
            Map<String, Long> localBytes = new HashMap<>();
            table.activeParts().stream().filter(part -> settled.contains(part.name()))
                    .forEach(part -> localBytes.put(part.name(), part.bytesOnDisk()));
            List<String> live = log.getHoldingsList().stream().map(Holding::getPartName).toList();
            Optional<MergeChoice.Choice> choice = MergeChoice.choose(live, localBytes, log.getPendingBlocksList(),
                    MAX_MERGE_BYTES);
            if (choice.isEmpty()) {
                break;
            }
            long entry = mergeAndCommit(spec, shard, replica, epoch, table, choice.get());
            if (entry < 0) {
                break;
            }
            done++;
            // The leader's own entry is applied already; skip it only when it is the next one to apply.
            if (AppliedCursor.read(table.directory()) == entry - 1) {
                AppliedCursor.write(table.directory(), entry);
            }
            log = await(logs.getLog(spec.getTableId(), shard, Long.MAX_VALUE));
        }
        return done;
    }

    private long mergeAndCommit(TableSpec spec, int shard, int replica, long epoch, MergeTreeTable table,
                                MergeChoice.Choice choice) {
        PreparedPart merged = table.prepareMerge(choice.sources(), choice.wholePartition());
        if (!merged.name().toString().equals(choice.result())) {
            merged.discard();
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Merging " + choice.sources() + " produced ["
                    + merged.name() + "], expected [" + choice.result() + "]");
        }
        PartsMerged entry = PartsMerged.newBuilder().addAllSources(choice.sources()).setResult(choice.result())
                .setResultChecksum(merged.checksum()).setWholePartition(choice.wholePartition())
                .setResultEmpty(merged.empty()).build();
        long index;
        try {
            index = await(logs.commitMerge(spec.getTableId(), shard, entry, replica, epoch)).getEntryIndex();
        } catch (StarlingException e) {
            merged.discard();
            LOG.debug("Merge {} of [{}] was not committed: {}", choice.sources(), shardKey(spec.getTableId(), shard),
                    e.getMessage());
            return -1;
        }
        if (merged.empty()) {
            table.swapParts(choice.sources(), List.of());
        } else {
            table.attachPart(merged.directory(), merged.name());
        }
        LOG.debug("Replica {} of [{}] merged {} into [{}]", replica, shardKey(spec.getTableId(), shard),
                choice.sources(), choice.result());
        return index;
    }
}
