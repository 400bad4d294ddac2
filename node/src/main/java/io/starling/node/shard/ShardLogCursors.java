package io.starling.node.shard;

import io.starling.coordinator.placement.ReplicaPlacement;
import io.starling.protocol.shardlog.ReplicaSlot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each replica of one shard has applied its log, as the replicas last reported it ({@code GetLog} with a
 * reporter), with when. Soft state of the ShardLog entity: not persisted, empty after the entity restarts (then
 * nothing is truncated until a majority of the placement reported again). Truncation never depends on it for
 * correctness: a replica below the truncation point clones the live parts; the cursors only keep that rare.
 * Not thread-safe: owned by one actor.
 */
public final class ShardLogCursors {
    private record Report(long applied, long atMillis) {
    }

    private final Map<Integer, Report> reports = new HashMap<>();
    /** When this incarnation first heard of the shard: a replica that never reported counts as at 0 since then. */
    private long startedAtMillis = -1;

    /** Replica {@code replica} has applied every entry up to {@code applied} (its latest report wins). */
    public void report(int replica, long applied, long nowMillis) {
        start(nowMillis);
        reports.put(replica, new Report(Math.max(0, applied), nowMillis));
    }

    private void start(long nowMillis) {
        if (startedAtMillis < 0) {
            startedAtMillis = nowMillis;
        }
    }

    /**
     * The highest entry index every live replica of {@code placement} has applied: the lowest cursor among the
     * replicas that reported within {@code silentAfterMillis}; replicas silent longer (down, or new) do not count.
     * A replica that never reported to this incarnation counts as having applied nothing at its start (so right
     * after the entity started, nothing is dropped until every replica reported or the silence passed). Answers -1
     * (truncate nothing) when fewer than a majority of the placement reported lately.
     */
    public long appliedByAll(List<ReplicaSlot> placement, long nowMillis, long silentAfterMillis) {
        start(nowMillis);
        if (placement.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        int live = 0;
        for (ReplicaSlot slot : placement) {
            Report report = reports.getOrDefault(slot.getIndex(), new Report(0, startedAtMillis));
            if (report != null && nowMillis - report.atMillis() <= silentAfterMillis) {
                live++;
                lowest = Math.min(lowest, report.applied());
            }
        }
        return live >= ReplicaPlacement.majority(placement.size()) ? lowest : -1;
    }

    /** The last reported cursor of {@code replica}, or -1. */
    public long reported(int replica) {
        Report report = reports.get(replica);
        return report == null ? -1 : report.applied();
    }
}
