package io.starling.node.deploy;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.part.DataPart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Migrates one changed data source, as per-partition tasks that survive a restart (spec lifecycle §2.4):
 *
 * <ol>
 *   <li>{@link #attach}: at the tee's cut-over the live table is snapshotted; the live partitions in the snapshot
 *       that {@link BackfillProgress} does not list as done are the tasks. From then on every appended block is
 *       teed.</li>
 *   <li>A teed row of a live partition that is done (or was not in the snapshot: it is marked done first) is
 *       migrated into the staging table at once; a row of a partition still to do waits in memory and is written
 *       right after that partition's task, so the staging table only ever holds rows of done partitions.</li>
 *   <li>{@link #run}: each task runs the forward select over the partition's snapshot parts and lands its output
 *       in one atomic part swap, then the partition is recorded done (durably) and its waiting rows written.</li>
 * </ol>
 * After a restart the same steps run again with a new snapshot: done partitions are skipped (their rows, and rows
 * appended to them since, are in staging), the others are migrated whole, including rows appended while the node
 * was down or that were waiting in memory. Blocking; the tee and the task thread share one lock per data source.
 */
final class Backfill implements AutoCloseable {
    /** Live blocks (live column order) → staged blocks; throws when a row cannot convert. */
    @FunctionalInterface
    interface Migrate {
        List<Block> apply(Supplier<Iterator<Block>> liveBlocks);
    }

    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(30);
    private static final long CUT_OVER_TIMEOUT_MILLIS = 30_000;

    private final long deploymentId;
    private final DataSourceSpec live;
    private final MergeTreeTable liveTable;
    private final KeyEvaluator liveKeys;
    private final MergeTreeTable stagingTable;
    private final Migrate migrate;
    private final BackfillProgress progress;
    private final Consumer<RuntimeException> teeFailed;
    private final Object lock = new Object();
    private final Set<String> toDo = new HashSet<>();
    private final Map<String, List<Block>> waiting = new LinkedHashMap<>();
    private final Map<String, List<DataPart>> partitions = new TreeMap<>();
    private MergeTreeSnapshot snapshot;
    private int snapshotPartitions;
    private volatile boolean failed;

    /**
     * @param teeFailed told once when a teed block cannot be migrated (the deployment fails; the append does not)
     */
    Backfill(long deploymentId, DataSourceSpec live, MergeTreeTable liveTable, KeyEvaluator liveKeys,
             MergeTreeTable stagingTable, Migrate migrate, BackfillProgress progress,
             Consumer<RuntimeException> teeFailed) {
        this.deploymentId = deploymentId;
        this.live = live;
        this.liveTable = liveTable;
        this.liveKeys = liveKeys;
        this.stagingTable = stagingTable;
        this.migrate = migrate;
        this.progress = progress;
        this.teeFailed = teeFailed;
    }

    /** Snapshots the live table at the cut-over and starts teeing its appends. */
    void attach(StagingTee tee) {
        tee.attach(live.getId(), this::teed, () -> {
            snapshot = liveTable.snapshot();
            for (DataPart part : snapshot.parts()) {
                partitions.computeIfAbsent(part.partitionId(), ignored -> new ArrayList<>()).add(part);
            }
            synchronized (lock) {
                snapshotPartitions = partitions.size();
                for (String partition : partitions.keySet()) {
                    if (!progress.isDone(live.getName(), partition)) {
                        toDo.add(partition);
                    }
                }
            }
        }, CUT_OVER_TIMEOUT_MILLIS);
    }

    /** Live partitions in the cut-over snapshot (the tasks, done or not). */
    int partitionCount() {
        synchronized (lock) {
            return snapshotPartitions;
        }
    }

    /** Tasks of the snapshot that are done (by this run or, before a restart, by an earlier one). */
    int doneInSnapshot() {
        synchronized (lock) {
            return snapshotPartitions - toDo.size();
        }
    }

    /** Runs the remaining tasks; answers the rows they wrote. Throws on the first failed task. */
    long run(BooleanSupplier cancelled) {
        long written = 0;
        List<ColumnDefinition> columns = liveTable.definition().columns();
        for (Map.Entry<String, List<DataPart>> partition : partitions.entrySet()) {
            synchronized (lock) {
                if (!toDo.contains(partition.getKey())) {
                    continue;
                }
            }
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException("Deployment " + deploymentId + " was discarded");
            }
            DeploymentHooks.firePartition(deploymentId, live.getName(), partition.getKey());
            List<DataPart> parts = partition.getValue();
            List<Block> out = migrate.apply(() -> new PartRows(parts, columns));
            synchronized (lock) {
                write(out);
                progress.markDone(live.getName(), partition.getKey());
                toDo.remove(partition.getKey());
                List<Block> held = waiting.remove(partition.getKey());
                if (held != null) {
                    write(migrate.apply(held::iterator));
                }
            }
            for (Block block : out) {
                written += block.rowCount();
            }
        }
        return written;
    }

    /** The tee: rows of done partitions go to staging now, the others wait for their partition's task. */
    private void teed(Block block) {
        if (failed || block.rowCount() == 0) {
            return;
        }
        try {
            Map<String, Block> byPartition = split(block);
            synchronized (lock) {
                List<Block> now = new ArrayList<>();
                for (Map.Entry<String, Block> piece : byPartition.entrySet()) {
                    if (toDo.contains(piece.getKey())) {
                        waiting.computeIfAbsent(piece.getKey(), ignored -> new ArrayList<>()).add(piece.getValue());
                    } else {
                        progress.markDone(live.getName(), piece.getKey());
                        now.add(piece.getValue());
                    }
                }
                if (!now.isEmpty()) {
                    write(migrate.apply(now::iterator));
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            teeFailed.accept(e);
        }
    }

    private Map<String, Block> split(Block block) {
        String[] ids = liveKeys.partitionIds(block);
        Map<String, int[]> positions = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int row = 0; row < ids.length; row++) {
            int[] list = positions.computeIfAbsent(ids[row], ignored -> new int[ids.length]);
            int n = counts.merge(ids[row], 1, Integer::sum);
            list[n - 1] = row;
        }
        if (positions.size() == 1) {
            return Map.of(ids[0], block);
        }
        Map<String, Block> pieces = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : positions.entrySet()) {
            pieces.put(entry.getKey(), block.select(entry.getValue(), counts.get(entry.getKey())));
        }
        return pieces;
    }

    private void write(List<Block> blocks) {
        if (!blocks.isEmpty()) {
            stagingTable.replaceParts(List.of(), blocks);
        }
    }

    @Override
    public void close() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
        partitions.clear();
    }

    /** The blocks of some parts, one part after another (the snapshot holds their references). */
    private static final class PartRows implements Iterator<Block> {
        private final Iterator<DataPart> parts;
        private final List<ColumnDefinition> columns;
        private final ScanStatistics statistics = new ScanStatistics();
        private BlockStream current;
        private Block next;

        PartRows(List<DataPart> parts, List<ColumnDefinition> columns) {
            this.parts = parts.iterator();
            this.columns = columns;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (current != null) {
                    next = current.next();
                    if (next != null) {
                        break;
                    }
                    current.close();
                    current = null;
                }
                if (!parts.hasNext()) {
                    return false;
                }
                current = parts.next().scan(columns, null, statistics);
            }
            return true;
        }

        @Override
        public Block next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Block block = next;
            next = null;
            return block;
        }
    }

    static Instant taskDeadline() {
        return Instant.now().plus(TASK_TIMEOUT);
    }

    static long cutOverTimeoutMillis() {
        return CUT_OVER_TIMEOUT_MILLIS;
    }
}
