package io.starling.storage.merge;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses which parts to merge: a pure function over part names and sizes, size-tiered like ClickHouse's simple
 * selector. Candidates are runs of adjacent parts (by block number) of one partition, between {@code minParts}
 * and {@link #MAX_PARTS_PER_MERGE} long, that contain no part already being merged. A run is <em>balanced</em>
 * when its largest part is at most half of its total size, so a big part is not rewritten for every small
 * insert. Among the allowed runs the longest wins, then the smallest total.
 */
public final class MergeSelector {
    public static final int MAX_PARTS_PER_MERGE = 10;

    /** A part as the selector sees it. */
    public record Candidate(PartName name, long bytes) {
    }

    private MergeSelector() {
    }

    /**
     * @param parts    every active part of the table, in {@link PartName} order (partition, then blocks)
     * @param busy     names of parts already being merged
     * @param minParts shortest run worth merging (at least 2)
     * @param force    when true, runs need not be balanced (an explicit merge request)
     * @return the parts to merge, in block order; empty when there is nothing to do
     */
    public static List<PartName> select(List<Candidate> parts, Set<PartName> busy, int minParts, boolean force) {
        return select(parts, busy, minParts, force, Long.MAX_VALUE);
    }

    /**
     * Like {@link #select(List, Set, int, boolean)}, considering only runs whose total size is at most
     * {@code maxBytes} (the merge scheduler's memory budget).
     */
    public static List<PartName> select(List<Candidate> parts, Set<PartName> busy, int minParts, boolean force,
                                        long maxBytes) {
        int shortest = Math.max(2, minParts);
        List<PartName> best = List.of();
        long bestTotal = Long.MAX_VALUE;
        int start = 0;
        while (start < parts.size()) {
            int end = start;
            String partition = parts.get(start).name().partitionId();
            while (end < parts.size() && parts.get(end).name().partitionId().equals(partition)) {
                end++;
            }
            for (int from = start; from < end; from++) {
                long total = 0;
                long largest = 0;
                for (int to = from; to < end && to - from < MAX_PARTS_PER_MERGE; to++) {
                    Candidate candidate = parts.get(to);
                    if (busy.contains(candidate.name())) {
                        break;
                    }
                    total += candidate.bytes();
                    largest = Math.max(largest, candidate.bytes());
                    if (total > maxBytes) {
                        break;
                    }
                    int length = to - from + 1;
                    boolean balanced = largest <= total - largest;
                    if (length < shortest || !(force || balanced)) {
                        continue;
                    }
                    if (length > best.size() || (length == best.size() && total < bestTotal)) {
                        List<PartName> names = new ArrayList<>(length);
                        for (int i = from; i <= to; i++) {
                            names.add(parts.get(i).name());
                        }
                        best = names;
                        bestTotal = total;
                    }
                }
            }
            start = end;
        }
        return best;
    }
}
