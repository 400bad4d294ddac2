package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.BlockFilter;
import io.starling.storage.merge.MergeStream;
import io.starling.storage.mutation.RowPredicate;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Mutations of one table: delete by condition, replace by partition (spec data-plane §4.6) and replace of named
 * parts. Each reserves the parts it rewrites, writes the new parts into temporary directories and swaps them in
 * with one {@link SwapCommitter} commit, so readers and a crash see the table before or after, never a mix.
 * A rewritten part keeps its block range and moves one level up ({@code p_1_1_0} becomes {@code p_1_1_1}).
 * Blocking; thread-safe.
 */
final class TableMutations {
    private static final long RESERVE_TIMEOUT_MILLIS = 120_000;

    private final TableContext table;

    TableMutations(TableContext table) {
        this.table = table;
    }

    /** Deletes the rows matching {@code predicate} from the parts that exist now; returns how many were deleted. */
    long deleteWhere(RowPredicate predicate) {
        long mutation = table.lastBlockNumber().incrementAndGet();
        List<DataPart> reserved = reserveAll(part -> part.minBlock() < mutation);
        List<Path> temporaries = new ArrayList<>();
        try {
            List<PartName> names = new ArrayList<>();
            List<DataPart> retired = new ArrayList<>();
            long deleted = rewriteWithout(reserved, predicate, temporaries, names, retired);
            if (!retired.isEmpty()) {
                table.committer().commit(handOver(temporaries), names, retired, mutation);
            }
            return deleted;
        } finally {
            temporaries.forEach(PartFiles::deleteRecursively);
            table.parts().unreserve(reserved);
        }
    }

    /**
     * Keeps the incoming rows matching {@code condition} (null: all); in the partitions they touch, removes the old
     * rows matching it (null: every old row) and adds the new rows, in one swap.
     */
    InsertResult replacePartitions(List<Block> newRows, RowPredicate condition) {
        Map<String, List<Block>> byPartition = new LinkedHashMap<>();
        for (Block block : newRows) {
            Block kept = condition == null ? block : BlockFilter.dropRows(block, invert(condition.matches(block)));
            if (kept.rowCount() > 0) {
                table.builder().splitByPartition(kept)
                        .forEach((id, rows) -> byPartition.computeIfAbsent(id, key -> new ArrayList<>()).add(rows));
            }
        }
        long blockNumber = table.lastBlockNumber().incrementAndGet();
        Set<String> touched = byPartition.keySet();
        List<DataPart> reserved = reserveAll(part -> part.minBlock() < blockNumber && touched.contains(part.partitionId()));
        List<Path> temporaries = new ArrayList<>();
        try {
            List<PartName> names = new ArrayList<>();
            List<DataPart> retired = new ArrayList<>();
            if (condition == null) {
                retired.addAll(reserved);
            } else {
                rewriteWithout(reserved, condition, temporaries, names, retired);
            }
            long rows = 0;
            List<String> newNames = new ArrayList<>();
            for (Map.Entry<String, List<Block>> partition : byPartition.entrySet()) {
                Block all = table.builder().concat(partition.getValue());
                Path temporary = table.builder().writeRows("replace", partition.getKey(), all);
                if (temporary != null) {
                    temporaries.add(temporary);
                    PartName name = new PartName(partition.getKey(), blockNumber, blockNumber, 0);
                    names.add(name);
                    newNames.add(name.toString());
                    rows += all.rowCount();
                }
            }
            if (!retired.isEmpty() || !temporaries.isEmpty()) {
                table.committer().commit(handOver(temporaries), names, retired, blockNumber);
            }
            return new InsertResult(rows, newNames);
        } finally {
            temporaries.forEach(PartFiles::deleteRecursively);
            table.parts().unreserve(reserved);
        }
    }

    /**
     * Replaces the named parts with {@code blocks} in one swap; in each partition the new part covers the retired
     * parts' block range. ABORTED when a named part is not active or is being merged.
     */
    InsertResult replaceParts(Collection<String> retire, List<Block> blocks) {
        Set<String> wanted = new HashSet<>(retire);
        List<DataPart> reserved = table.parts().reserve((active, busy) -> active.stream()
                .filter(part -> wanted.contains(part.name())).map(DataPart::partName).toList());
        if (reserved.size() != wanted.size()) {
            table.parts().unreserve(reserved);
            throw new StarlingException(ErrorCode.ABORTED, "The table changed while it was being rewritten (a merge "
                    + "or truncate replaced some of its parts); retry the operation");
        }
        long blockNumber = table.lastBlockNumber().incrementAndGet();
        Map<String, List<Block>> byPartition = new LinkedHashMap<>();
        for (Block block : blocks) {
            if (block.rowCount() > 0) {
                table.builder().splitByPartition(block)
                        .forEach((id, rows) -> byPartition.computeIfAbsent(id, key -> new ArrayList<>()).add(rows));
            }
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            List<PartName> names = new ArrayList<>();
            long rows = 0;
            for (Map.Entry<String, List<Block>> partition : byPartition.entrySet()) {
                Block all = table.builder().concat(partition.getValue());
                long minBlock = blockNumber;
                int level = 0;
                for (DataPart old : reserved) {
                    if (old.partitionId().equals(partition.getKey())) {
                        minBlock = Math.min(minBlock, old.minBlock());
                        level = Math.max(level, old.level() + 1);
                    }
                }
                Path temporary = table.builder().writeRows("replace", partition.getKey(), all);
                if (temporary != null) {
                    temporaries.add(temporary);
                    names.add(new PartName(partition.getKey(), minBlock, blockNumber, level));
                    rows += all.rowCount();
                }
            }
            table.committer().commit(handOver(temporaries), names, reserved, blockNumber);
            return new InsertResult(rows, names.stream().map(PartName::toString).toList());
        } finally {
            temporaries.forEach(PartFiles::deleteRecursively);
            table.parts().unreserve(reserved);
        }
    }

    /**
     * Replication: retires the named active parts and publishes the prepared ones in one swap (a crash finishes or
     * forgets it whole). Waits for running merges of the retired parts; ABORTED when one of them is not active.
     */
    void swap(Collection<String> retire, List<PreparedPart> add) {
        Set<String> wanted = new HashSet<>(retire);
        List<DataPart> reserved = reserveAll(part -> wanted.contains(part.name()));
        List<Path> temporaries = new ArrayList<>();
        List<PartName> names = new ArrayList<>();
        for (PreparedPart part : add) {
            if (!part.empty()) {
                temporaries.add(part.directory());
                names.add(part.name());
            }
        }
        try {
            if (reserved.size() != wanted.size()) {
                throw new StarlingException(ErrorCode.ABORTED, "Parts to retire from [" + table.directory()
                        + "] are no longer active; catch up with the log and retry");
            }
            if (!reserved.isEmpty() || !temporaries.isEmpty()) {
                table.committer().commit(handOver(temporaries), names, reserved, -1);
            }
        } finally {
            temporaries.forEach(PartFiles::deleteRecursively);
            table.parts().unreserve(reserved);
        }
    }

    /**
     * Rewrites each part without the rows matching {@code predicate}: parts that lose rows go to {@code retired},
     * their remainders (if any) to {@code temporaries}/{@code names}. Returns the rows removed.
     */
    private long rewriteWithout(List<DataPart> parts, RowPredicate predicate, List<Path> temporaries,
                                List<PartName> names, List<DataPart> retired) {
        long removed = 0;
        for (DataPart part : parts) {
            AtomicLong dropped = new AtomicLong();
            BlockFilter filter = block -> {
                boolean[] matches = predicate.matches(block);
                Block kept = BlockFilter.dropRows(block, matches);
                dropped.addAndGet(block.rowCount() - kept.rowCount());
                return kept;
            };
            BlockStream source = part.scan(table.schema().columns(), null, null);
            MergeStream stream = new MergeStream(List.of(source), table.schema(), null, false, filter,
                    table.schema().granularity());
            Path temporary = table.builder().write("mutation", part.partitionId(), stream);
            if (dropped.get() == 0) {
                if (temporary != null) {
                    PartFiles.deleteRecursively(temporary);
                }
                continue;
            }
            removed += dropped.get();
            retired.add(part);
            if (temporary != null) {
                temporaries.add(temporary);
                names.add(new PartName(part.partitionId(), part.minBlock(), part.maxBlock(), part.level() + 1));
            }
        }
        return removed;
    }

    /**
     * Reserves every active part matching {@code wanted}, waiting for running merges of such parts to finish (their
     * results are reserved instead). ABORTED after {@value #RESERVE_TIMEOUT_MILLIS} ms.
     */
    private List<DataPart> reserveAll(Predicate<DataPart> wanted) {
        List<DataPart> reserved = new ArrayList<>();
        long deadline = System.currentTimeMillis() + RESERVE_TIMEOUT_MILLIS;
        while (true) {
            Set<PartName> mine = new HashSet<>();
            reserved.forEach(part -> mine.add(part.partName()));
            boolean[] complete = new boolean[1];
            reserved.addAll(table.parts().reserve((active, busy) -> {
                List<PartName> chosen = new ArrayList<>();
                complete[0] = true;
                for (DataPart part : active) {
                    if (wanted.test(part) && !mine.contains(part.partName())) {
                        if (busy.contains(part.partName())) {
                            complete[0] = false;
                        } else {
                            chosen.add(part.partName());
                        }
                    }
                }
                return chosen;
            }));
            if (complete[0] || table.parts().isClosed()) {
                return reserved;
            }
            if (System.currentTimeMillis() > deadline) {
                table.parts().unreserve(reserved);
                throw new StarlingException(ErrorCode.ABORTED, "Parts of [" + table.directory() + "] stayed busy in "
                        + "merges for " + RESERVE_TIMEOUT_MILLIS / 1000 + " s; retry the operation later");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                table.parts().unreserve(reserved);
                throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Interrupted while waiting for merges", e);
            }
        }
    }

    /**
     * The temporaries, which the committer owns from now on (it removes them on abort; after its commit record a
     * crash must find them), and clears the caller's list so its cleanup leaves them alone.
     */
    private static List<Path> handOver(List<Path> temporaries) {
        List<Path> handed = List.copyOf(temporaries);
        temporaries.clear();
        return handed;
    }

    private static boolean[] invert(boolean[] flags) {
        boolean[] result = new boolean[flags.length];
        for (int i = 0; i < flags.length; i++) {
            result[i] = !flags[i];
        }
        return result;
    }
}
