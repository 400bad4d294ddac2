package io.starling.node.shard;

import io.starling.storage.engine.MergeTreeTable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables whose replica lives on this node and is open, by table id. The query path scans these
 * directly; distributed query fragments (a leaf plan sent to the replica's node) come later.
 * Thread-safe. Tables outlive the ShardReplica entity incarnation that opened them (passivation does not
 * close a table); they are closed when the node stops or the table is dropped.
 */
public final class LocalTables implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTables.class);

    /** Background merges at once, node-wide. */
    public static final int MERGE_THREADS = Integer.getInteger("starling.merge.threads", 2);
    /**
     * Linux nice value of the merge threads (0 to 19; 0 keeps the node's priority): merges run in the CPU time that
     * inserts and queries leave idle instead of sharing the cores with them evenly.
     */
    public static final int MERGE_NICE = Integer.getInteger("starling.merge.nice", 10);
    /** Bytes of source parts merged at once, node-wide. */
    public static final long MERGE_BYTE_BUDGET = 1L << 30;

    private final Map<String, MergeTreeTable> tables = new ConcurrentHashMap<>();
    private io.starling.storage.merge.MergeScheduler scheduler;
    private boolean closed;
    /** Tables registered with the scheduler. Guarded by this. */
    private final java.util.Set<String> scheduled = new java.util.HashSet<>();

    /**
     * The node-wide merge scheduler ({@value #MERGE_THREADS} merges, a {@link #MERGE_BYTE_BUDGET}-byte budget),
     * started on first use and stopped by {@link #close}. Open tables register with it (background merges and
     * TTL passes); inserts {@link io.starling.storage.merge.MergeScheduler#wakeUp} it.
     */
    public synchronized io.starling.storage.merge.MergeScheduler mergeScheduler() {
        if (scheduler == null) {
            scheduler = new io.starling.storage.merge.MergeScheduler("starling", MERGE_THREADS, MERGE_BYTE_BUDGET,
                    java.time.Duration.ofSeconds(1), System::nanoTime, MERGE_NICE);
        }
        return scheduler;
    }

    /**
     * After an insert into {@code tableId}: registers the open table with {@link #mergeScheduler} (once; background
     * merges and TTL passes until it is closed) and reports the insert to the scheduler, which wakes it and holds
     * back big merges while inserts flow. The report matters for the table's first insert, which its table could
     * not report itself: it had no scheduler yet.
     */
    public void mergeSoon(String tableId) {
        MergeTreeTable table = tables.get(tableId);
        if (table == null) {
            return;
        }
        io.starling.storage.merge.MergeScheduler merges;
        synchronized (this) {
            if (closed) {
                return;
            }
            merges = mergeScheduler();
            if (scheduled.add(tableId)) {
                table.startBackgroundMerges(merges);
            }
        }
        merges.insertHappened();
    }

    /** True when the table is registered with the merge scheduler (an insert wrote it on this node). */
    public synchronized boolean isMerging(String tableId) {
        return scheduled.contains(tableId);
    }

    public Optional<MergeTreeTable> get(String tableId) {
        return Optional.ofNullable(tables.get(tableId));
    }

    /** The open table, opening it with {@code opener} (blocking IO) when it is not open yet. */
    public MergeTreeTable openIfAbsent(String tableId, Supplier<MergeTreeTable> opener) {
        return tables.computeIfAbsent(tableId, id -> opener.get());
    }

    /**
     * Replaces the open {@code current} by {@code redefine(current)} (the table under a new definition, sharing its
     * parts: {@link MergeTreeTable#withDefinition}), keeping it registered for background merges. When another
     * thread replaced or closed it meanwhile, answers the table open now (null when none is).
     */
    public MergeTreeTable redefine(String tableId, MergeTreeTable current, UnaryOperator<MergeTreeTable> redefine) {
        boolean[] merging = {false};
        MergeTreeTable table = tables.computeIfPresent(tableId, (id, open) -> {
            if (open != current) {
                return open;
            }
            synchronized (this) {
                merging[0] = scheduled.remove(id);
            }
            return redefine.apply(open);
        });
        if (merging[0]) {
            mergeSoon(tableId);
        }
        return table;
    }

    /** Unregisters and closes the table; answers whether it was open. */
    public boolean close(String tableId) {
        MergeTreeTable table = tables.remove(tableId);
        synchronized (this) {
            scheduled.remove(tableId);
        }
        if (table == null) {
            return false;
        }
        table.close();
        return true;
    }

    public int size() {
        return tables.size();
    }

    @Override
    public void close() {
        for (String tableId : tables.keySet()) {
            try {
                close(tableId);
            } catch (RuntimeException e) {
                LOG.warn("Closing table [{}] failed: {}", tableId, e.toString());
            }
        }
        io.starling.storage.merge.MergeScheduler running;
        synchronized (this) {
            closed = true;
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.close();
        }
    }
}
