package io.starling.node.cluster;

import io.starling.protocol.shardlog.LogEntry;
import io.starling.protocol.shardlog.PartsMerged;
import io.starling.protocol.shardlog.RangeDropped;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.PreparedPart;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies ShardLog entries, in order, to one replica's table during {@link ReplicaNode#sync} (under the shard lock):
 * an insert's parts are fetched, a merge is executed locally when every source is held and kept when its checksum
 * matches the leader's (else the leader's result is fetched), a drop retires parts and publishes their replacements
 * in one swap. Collects the parts it made held ({@link #nowHeld}) for the caller to record in the log. Split out of
 * {@link ReplicaNode}; one instance per catch-up, not thread-safe.
 */
final class LogApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

    private final PartFetches fetches;
    private final MergeTreeTable table;
    private final String localId;
    private final int replica;
    private final Map<String, List<Integer>> live;
    private final Map<Integer, String> addresses;
    private final List<String> nowHeld = new ArrayList<>();

    LogApplier(PartFetches fetches, MergeTreeTable table, String localId, int replica,
               Map<String, List<Integer>> live, Map<Integer, String> addresses) {
        this.fetches = fetches;
        this.table = table;
        this.localId = localId;
        this.replica = replica;
        this.live = live;
        this.addresses = addresses;
    }

    List<String> nowHeld() {
        return nowHeld;
    }

    void apply(LogEntry entry) {
        switch (entry.getKindCase()) {
            case PARTS_ADDED -> {
                for (String part : entry.getPartsAdded().getPartNamesList()) {
                    // A part merged or dropped later is not fetched: the later entry brings what replaced it.
                    if (live.containsKey(part) && !PartFetches.holdsLocally(table, part)) {
                        try {
                            fetches.fetchPart(table, localId, part, sources(part));
                            nowHeld.add(part);
                        } catch (StarlingException e) {
                            // No holder serves it now (e.g. only a dead node holds it). Later entries still
                            // apply (a merge lacking one of its sources fetches its result instead), and the
                            // sweep of live parts below tries this part again every round.
                            LOG.debug("Replica {} of [{}] skips part [{}] for now: {}", replica, localId, part,
                                    e.getMessage());
                        }
                    }
                }
            }
            case PARTS_MERGED -> applyMerge(entry.getPartsMerged());
            case RANGE_DROPPED -> applyDrop(entry.getRangeDropped());
            case KIND_NOT_SET -> throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Log entry "
                    + entry.getIndex() + " has no kind");
        }
    }

    private void applyMerge(PartsMerged merge) {
        if (merge.getResultEmpty()) {
            List<String> present = activeAmong(merge.getSourcesList());
            if (!present.isEmpty()) {
                table.swapParts(present, List.of());
            }
            return;
        }
        String result = merge.getResult();
        if (PartFetches.holdsLocally(table, result) || !live.containsKey(result)) {
            return;   // done already, or a later entry merged or dropped the result: that entry applies it
        }
        if (activeAmong(merge.getSourcesList()).size() == merge.getSourcesCount()) {
            PreparedPart merged = table.prepareMerge(merge.getSourcesList(), merge.getWholePartition());
            if (merged.checksum().equals(merge.getResultChecksum())) {
                table.attachPart(merged.directory(), merged.name());
                nowHeld.add(result);
                return;
            }
            merged.discard();
            LOG.warn("Replica {} of [{}] merged {} into a part whose checksum {} differs from the leader's {};"
                            + " fetching the leader's part", replica, localId, merge.getSourcesList(),
                    merged.checksum(), merge.getResultChecksum());
        }
        fetches.fetchPart(table, localId, result, sources(result));
        nowHeld.add(result);
    }

    private void applyDrop(RangeDropped drop) {
        if (drop.getReason().isEmpty()) {
            return;   // the older range form is never written by this version
        }
        List<PartName> dropped = drop.getDroppedPartsList().stream()
                .map(part -> PartName.tryParse(part).orElseThrow()).toList();
        List<String> retire = new ArrayList<>();
        for (DataPart active : table.activeParts()) {
            for (PartName gone : dropped) {
                if (active.partName().equals(gone) || gone.covers(active.partName())) {
                    retire.add(active.name());
                    break;
                }
            }
        }
        List<PreparedPart> add = new ArrayList<>();
        try {
            for (String part : drop.getReplacementPartsList()) {
                if (!live.containsKey(part) || PartFetches.holdsLocally(table, part)) {
                    continue;
                }
                add.add(fetches.fetchPrepared(table, localId, part, sources(part)));
            }
        } catch (RuntimeException e) {
            add.forEach(PreparedPart::discard);
            throw e;
        }
        if (!retire.isEmpty() || !add.isEmpty()) {
            table.swapParts(retire, add);
            add.forEach(part -> nowHeld.add(part.name().toString()));
        }
    }

    private List<String> activeAmong(List<String> names) {
        List<String> present = new ArrayList<>();
        for (DataPart active : table.activeParts()) {
            if (names.contains(active.name())) {
                present.add(active.name());
            }
        }
        return present;
    }

    private List<String> sources(String part) {
        return PartFetches.orderedSources(addresses, live.getOrDefault(part, List.of()), replica);
    }
}
