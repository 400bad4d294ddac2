package io.starling.node.cluster;

import io.starling.storage.merge.MergeSelector;
import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the merge leader of a shard merges next: the storage's size-tiered {@link MergeSelector} run over the log's
 * live parts, where a part the leader does not hold locally is busy (it cannot merge it), and every block number
 * still being inserted is a barrier (a zero-size busy part in every partition), so a merge never covers a block
 * whose part may still arrive. Pure.
 */
public final class MergeChoice {
    /** Shortest run merged in the background (as for single-node tables). */
    public static final int MIN_PARTS = 3;

    /** Parts to merge and the merged part's name. */
    public record Choice(List<String> sources, String result, boolean wholePartition) {
    }

    private MergeChoice() {
    }

    /**
     * @param live       the log's live parts
     * @param localBytes bytes of the parts active on the leader's disk, by name
     * @param pending    block numbers allocated and not committed (young ones)
     * @param maxBytes   largest total size of a merge
     */
    public static Optional<Choice> choose(Collection<String> live, Map<String, Long> localBytes,
                                          Collection<Long> pending, long maxBytes) {
        TreeSet<PartName> names = new TreeSet<>();
        Set<String> partitions = new HashSet<>();
        for (String part : live) {
            PartName.tryParse(part).ifPresent(name -> {
                names.add(name);
                partitions.add(name.partitionId());
            });
        }
        Set<PartName> busy = new HashSet<>();
        for (PartName name : names) {
            if (!localBytes.containsKey(name.toString())) {
                busy.add(name);
            }
        }
        TreeSet<PartName> all = new TreeSet<>(names);
        for (long block : pending) {
            for (String partition : partitions) {
                PartName barrier = new PartName(partition, block, block, 0);
                if (all.add(barrier)) {
                    busy.add(barrier);
                }
            }
        }
        List<MergeSelector.Candidate> candidates = new ArrayList<>(all.size());
        for (PartName name : all) {
            candidates.add(new MergeSelector.Candidate(name, localBytes.getOrDefault(name.toString(), 0L)));
        }
        List<PartName> chosen = MergeSelector.select(candidates, busy, MIN_PARTS, false, maxBytes);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int level = 0;
        for (PartName name : chosen) {
            min = Math.min(min, name.minBlock());
            max = Math.max(max, name.maxBlock());
            level = Math.max(level, name.level());
        }
        String partition = chosen.get(0).partitionId();
        long inPartition = names.stream().filter(name -> name.partitionId().equals(partition)).count();
        return Optional.of(new Choice(chosen.stream().map(PartName::toString).toList(),
                new PartName(partition, min, max, level + 1).toString(), inPartition == chosen.size()));
    }
}
