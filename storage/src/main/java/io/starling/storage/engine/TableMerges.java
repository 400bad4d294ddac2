package io.starling.storage.engine;

import io.starling.storage.block.BlockStream;
import io.starling.storage.fault.FaultPoints;
import io.starling.storage.merge.BlockFilter;
import io.starling.storage.merge.MergeScheduler;
import io.starling.storage.merge.MergeSelector;
import io.starling.storage.merge.PartMerger;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import io.starling.storage.ttl.PartTtl;
import io.starling.storage.ttl.TtlFilter;
import io.starling.storage.ttl.TtlPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merges and TTL passes of one table: choosing parts (through {@link MergeSelector} and {@link TtlPlanner}),
 * reserving them, merging with the engine's rule and expired rows dropped, and swapping the result in. A plain
 * merge publishes by name (the merged part covers its sources, so a crash after the rename loses nothing); a
 * merge that leaves no rows and TTL drops go through the {@link SwapCommitter}. Thread-safe.
 */
final class TableMerges {
    private static final System.Logger LOG = System.getLogger(TableMerges.class.getName());

    private final TableContext table;
    /** Expiry range per part (parts are immutable). */
    private final Map<PartName, PartTtl> ttlCache = new ConcurrentHashMap<>();
    /** When this object first saw each active part (monotonic millis): the merge selector's part ages. */
    private final Map<PartName, Long> firstSeen = new ConcurrentHashMap<>();
    private volatile long lastTtlPass = Long.MIN_VALUE;

    TableMerges(TableContext table) {
        this.table = table;
    }

    /** Merges one run chosen by the selector; returns the new part's name (or the sources' when nothing is left). */
    Optional<String> mergeOnce(int minParts, boolean force, long maxBytes) {
        List<DataPart> sources = reserveRun(minParts, force, maxBytes, false);
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(merge(sources));
        } finally {
            table.parts().unreserve(sources);
        }
    }

    private List<DataPart> reserveRun(int minParts, boolean force, long maxBytes, boolean insertsFlowing) {
        long now = System.nanoTime() / 1_000_000;
        return table.parts().reserve((active, busy) -> {
            List<MergeSelector.Candidate> candidates = new ArrayList<>(active.size());
            for (DataPart part : active) {
                long seen = firstSeen.computeIfAbsent(part.partName(), name -> now);
                candidates.add(new MergeSelector.Candidate(part.partName(), part.bytesOnDisk(), now - seen));
            }
            if (firstSeen.size() > 2 * active.size() + 16) {
                Set<PartName> names = new HashSet<>();
                active.forEach(part -> names.add(part.partName()));
                firstSeen.keySet().retainAll(names);
            }
            Set<PartName> blocked = withPendingBlocks(candidates, busy, table.parts().pendingBlocks());
            return force ? MergeSelector.select(candidates, blocked, minParts, true, maxBytes)
                    : MergeSelector.selectTiered(candidates, blocked, minParts, maxBytes, insertsFlowing);
        });
    }

    /**
     * Puts a busy placeholder part at each pending insert block (allocated, not yet published) of every partition
     * among the candidates, so no run the selector picks spans it; answers the busy names with the placeholders.
     */
    static Set<PartName> withPendingBlocks(List<MergeSelector.Candidate> candidates, Set<PartName> busy,
                                           List<Long> pending) {
        if (pending.isEmpty() || candidates.isEmpty()) {
            return busy;
        }
        Set<String> partitions = new java.util.TreeSet<>();
        candidates.forEach(candidate -> partitions.add(candidate.name().partitionId()));
        Set<PartName> blocked = new HashSet<>(busy);
        for (String partition : partitions) {
            for (long block : pending) {
                PartName placeholder = new PartName(partition, block, block, 0);
                blocked.add(placeholder);
                candidates.add(new MergeSelector.Candidate(placeholder, 0));
            }
        }
        candidates.sort((left, right) -> left.name().compareTo(right.name()));
        return blocked;
    }

    /** Merges every partition's parts into one part, applying the rule as a final pass (OPTIMIZE FINAL). */
    int optimizeFinal() {
        Set<String> partitions = new HashSet<>();
        for (DataPart part : table.parts().active()) {
            partitions.add(part.partitionId());
        }
        int merges = 0;
        for (String partition : partitions) {
            // Only the parts below the first pending insert block: the merged part must not cover a block whose
            // part is still being written (it is published later, beside the merge).
            List<DataPart> sources = table.parts().reserve((active, busy) -> {
                long firstPending = table.parts().pendingBlocks().stream().findFirst().orElse(Long.MAX_VALUE);
                return active.stream().filter(part -> part.partitionId().equals(partition)
                        && part.partName().maxBlock() < firstPending).map(DataPart::partName).toList();
            });
            if (sources.isEmpty()) {
                continue;
            }
            try {
                merge(sources);
                merges++;
            } finally {
                table.parts().unreserve(sources);
            }
        }
        return merges;
    }

    /**
     * Replication: merges the named active parts (one partition, adjacent) into a temporary directory without
     * publishing it and without TTL (replicas merge at different times, so the result must not depend on the
     * clock). {@code wholePartition} is the leader's decision, recorded in the log, so every replica applies the
     * same final pass. ABORTED when a source is not active or is being merged.
     */
    PreparedPart prepare(List<String> sourceNames, boolean wholePartition) {
        java.util.Set<String> wanted = new HashSet<>(sourceNames);
        List<DataPart> sources = table.parts().reserve((active, busy) -> active.stream()
                .filter(part -> wanted.contains(part.name())).map(DataPart::partName).toList());
        if (sources.size() != wanted.size() || sources.isEmpty()) {
            table.parts().unreserve(sources);
            throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.ABORTED,
                    "Parts " + sourceNames + " of [" + table.directory() + "] are not all active and idle; the merge"
                            + " cannot run here now");
        }
        try {
            PartName name = resultName(sources);
            for (DataPart source : sources) {
                if (!source.partitionId().equals(name.partitionId())) {
                    throw new IllegalArgumentException("Parts " + sourceNames + " span several partitions");
                }
            }
            BlockStream merged = PartMerger.open(sources, table.schema(), table.newRule(), wholePartition, null);
            Path temporary = table.builder().write("merge", name.partitionId(), merged);
            return new PreparedPart(name, temporary, temporary == null ? "" : PreparedPart.checksumOf(temporary));
        } finally {
            table.parts().unreserve(sources);
        }
    }

    /** The name of the part that merging {@code sources} produces: their block range, one level up. */
    static PartName resultName(List<DataPart> sources) {
        long minBlock = Long.MAX_VALUE;
        long maxBlock = Long.MIN_VALUE;
        int level = 0;
        for (DataPart source : sources) {
            minBlock = Math.min(minBlock, source.minBlock());
            maxBlock = Math.max(maxBlock, source.maxBlock());
            level = Math.max(level, source.level());
        }
        return new PartName(sources.get(0).partitionId(), minBlock, maxBlock, level + 1);
    }

    /** Merges reserved parts of one partition (in name order) into the next level. */
    String merge(List<DataPart> sources) {
        DataPart first = sources.get(0);
        long minBlock = Long.MAX_VALUE;
        long maxBlock = Long.MIN_VALUE;
        int level = 0;
        for (DataPart source : sources) {
            minBlock = Math.min(minBlock, source.minBlock());
            maxBlock = Math.max(maxBlock, source.maxBlock());
            level = Math.max(level, source.level());
        }
        PartName name = new PartName(first.partitionId(), minBlock, maxBlock, level + 1);
        boolean wholePartition = table.parts().countInPartition(first.partitionId()) == sources.size();
        BlockFilter filter = table.services().ttl() == null ? null
                : new TtlFilter(table.services().ttl(), table.definition().columns(), table.now());
        BlockStream merged = PartMerger.open(sources, table.schema(), table.newRule(), wholePartition, filter);
        Path temporary = table.builder().write("merge", first.partitionId(), merged);
        if (temporary == null) {
            table.committer().commit(List.of(), List.of(), sources, -1);
            return name.toString();
        }
        DataPart part;
        try {
            FaultPoints.check(FaultPoints.AFTER_PART_WRITE_BEFORE_RENAME, table.directory());
            part = TableFiles.renameIntoPlace(table.directory(), temporary, name);
        } catch (RuntimeException e) {
            if (!(e instanceof FaultPoints.InjectedFault)) {
                PartFiles.deleteRecursively(temporary);
            }
            throw e;
        }
        FaultPoints.check(FaultPoints.DURING_MERGE_BEFORE_SWAP, table.directory());
        if (table.parts().swap(sources, List.of(part), -1)) {
            sources.forEach(DataPart::release);
        } else {
            part.release();
        }
        return name.toString();
    }

    /**
     * One TTL pass: drops parts whose rows have all expired (one atomic swap, no rewriting) and rewrites parts
     * with some expired rows (unless ttl_only_drop_parts), at most {@code maxBytes} per rewritten part. Returns
     * the number of parts dropped or rewritten.
     */
    int applyTtl(long maxBytes) {
        if (table.services().ttl() == null) {
            return 0;
        }
        long now = table.now();
        lastTtlPass = now;
        List<PartTtl> ranges = new ArrayList<>();
        List<DataPart> held = table.parts().acquireActive();
        try {
            for (DataPart part : held) {
                ranges.add(ttlCache.computeIfAbsent(part.partName(),
                        name -> PartTtl.of(part, table.services().ttl(), table.definition().columns())));
            }
        } finally {
            held.forEach(DataPart::release);
        }
        ttlCache.keySet().retainAll(ranges.stream().map(PartTtl::name).toList());
        TtlPlanner.Plan plan = TtlPlanner.plan(ranges, now, table.settings().ttlOnlyDropParts());
        int done = 0;
        if (!plan.drop().isEmpty()) {
            List<DataPart> doomed = table.parts().reserve((active, busy) -> plan.drop().stream()
                    .filter(name -> !busy.contains(name)).toList());
            if (!doomed.isEmpty()) {
                try {
                    table.committer().commit(List.of(), List.of(), doomed, -1);
                    done += doomed.size();
                    LOG.log(System.Logger.Level.DEBUG, "TTL dropped " + doomed.size() + " expired parts of [" + table.directory() + "]");
                } finally {
                    table.parts().unreserve(doomed);
                }
            }
        }
        for (PartName name : plan.rewrite()) {
            List<DataPart> source = table.parts().reserve((active, busy) -> active.stream()
                    .filter(part -> part.partName().equals(name) && part.bytesOnDisk() <= maxBytes)
                    .map(DataPart::partName).toList());
            if (source.isEmpty()) {
                continue;
            }
            try {
                merge(source);
                done++;
            } finally {
                table.parts().unreserve(source);
            }
        }
        return done;
    }

    /**
     * The next background task within {@code maxBytes}: a TTL pass when due, else a merge of 3 or more parts that
     * {@link MergeSelector} finds worth merging (about 16 small parts at a time; only small runs while
     * {@code insertsFlowing}).
     */
    Optional<MergeScheduler.MergeTask> nextTask(long maxBytes, boolean insertsFlowing) {
        if (table.parts().isClosed()) {
            return Optional.empty();
        }
        long now = table.now();
        if (table.services().ttl() != null && (lastTtlPass == Long.MIN_VALUE
                || now - lastTtlPass >= table.settings().mergeWithTtlTimeout())) {
            lastTtlPass = now;
            return Optional.of(new Task(maxBytes, List.of()));
        }
        List<DataPart> sources = reserveRun(3, false, maxBytes, insertsFlowing);
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        long bytes = 0;
        for (DataPart source : sources) {
            bytes += source.bytesOnDisk();
        }
        return Optional.of(new Task(bytes, sources));
    }

    private static long rows(List<DataPart> parts) {
        long rows = 0;
        for (DataPart part : parts) {
            rows += part.rowCount();
        }
        return rows;
    }

    /** A reserved merge (or, without sources, a TTL pass) handed to the scheduler. */
    private final class Task implements MergeScheduler.MergeTask {
        private final long bytes;
        private final List<DataPart> sources;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        Task(long bytes, List<DataPart> sources) {
            this.bytes = bytes;
            this.sources = sources;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void run() {
            try {
                if (sources.isEmpty()) {
                    applyTtl(bytes);
                } else {
                    long started = System.nanoTime();
                    String merged = merge(sources);
                    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                        LOG.log(System.Logger.Level.DEBUG, "Merged " + sources.size() + " parts (" + rows(sources)
                                + " rows, " + bytes + " bytes) of [" + table.directory() + "] into " + merged + " in "
                                + (System.nanoTime() - started) / 1_000_000 + " ms");
                    }
                }
            } finally {
                abandon();
            }
        }

        @Override
        public void abandon() {
            if (!sources.isEmpty() && ended.compareAndSet(false, true)) {
                table.parts().unreserve(sources);
            }
        }
    }
}
