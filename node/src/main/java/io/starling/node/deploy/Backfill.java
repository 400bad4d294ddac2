package io.starling.node.deploy;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.part.DataPart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Migrates one changed data source: snapshots the live table at the tee's cut-over (so appends from then on are
 * teed, the rest are in the snapshot), then runs the forward select list over each live partition as one task whose
 * output lands in the staging table in one atomic part swap, so a task that fails or is retried never leaves half its
 * rows. Blocking.
 */
final class Backfill {
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(30);
    private static final long CUT_OVER_TIMEOUT_MILLIS = 30_000;

    private final ForwardRows rows;
    private final StagingTee tee;

    Backfill(ForwardRows rows, StagingTee tee) {
        this.rows = rows;
        this.tee = tee;
    }

    /** Rows written by the backfill (teed rows not counted). Throws on the first failed task. */
    long run(long deploymentId, DataSourceSpec live, MergeTreeTable liveTable, DataSourceSpec staged,
             MergeTreeTable stagingTable, String selectList, StagingTee.Forward forward, BooleanSupplier cancelled) {
        AtomicReference<MergeTreeSnapshot> snapshot = new AtomicReference<>();
        tee.attach(live.getId(), forward, () -> snapshot.set(liveTable.snapshot()), CUT_OVER_TIMEOUT_MILLIS);
        long written = 0;
        try (MergeTreeSnapshot parts = snapshot.get()) {
            Map<String, List<DataPart>> partitions = new LinkedHashMap<>();
            for (DataPart part : parts.parts()) {
                partitions.computeIfAbsent(part.partitionId(), ignored -> new ArrayList<>()).add(part);
            }
            List<ColumnDefinition> columns = liveTable.definition().columns();
            for (Map.Entry<String, List<DataPart>> partition : partitions.entrySet()) {
                if (cancelled.getAsBoolean()) {
                    throw new IllegalStateException("Deployment " + deploymentId + " was discarded");
                }
                DeploymentHooks.firePartition(deploymentId, live.getName(), partition.getKey());
                BlocksSource source = new BlocksSource(ForwardRows.LIVE, columns,
                        () -> new PartBlocks(partition.getValue(), columns));
                List<Block> out = rows.run(selectList, source, staged, Instant.now().plus(TASK_TIMEOUT));
                if (!out.isEmpty()) {
                    stagingTable.replaceParts(List.of(), out);
                    for (Block block : out) {
                        written += block.rowCount();
                    }
                }
            }
        }
        return written;
    }

    /** The blocks of some parts, one part after another (the snapshot holds their references). */
    private static final class PartBlocks implements Iterator<Block> {
        private final Iterator<DataPart> parts;
        private final List<ColumnDefinition> columns;
        private final ScanStatistics statistics = new ScanStatistics();
        private BlockStream current;
        private Block next;

        PartBlocks(List<DataPart> parts, List<ColumnDefinition> columns) {
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
}
