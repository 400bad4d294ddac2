package io.starling.storage.merge;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses which parts to merge. It is a pure function over part names, sizes and ages. Candidates are runs of
 * adjacent parts (by block number) of one partition, at least {@code minParts} long, that contain no part already
 * being merged and fit the byte budget. Among the allowed runs the longest wins, then the smallest total. There
 * are two rules.
 *
 * <p>{@link #select} is the size-tiered rule for explicit and replicated merges. It allows runs of up to
 * {@link #MAX_PARTS_PER_MERGE} parts that are <em>balanced</em>: the largest part is at most half the total, so a
 * big part is not rewritten for every small insert. Forced selection skips the balance. Under a stream of
 * inserts this merges about 3 parts at a time, so each row is rewritten log3(N) times (4.1 times for 670 equal
 * inserts).
 *
 * <p>{@link #selectTiered} is the rule for a table's own background merges. It waits for wider merges while the
 * parts are small. A run's <em>weight</em> is {@code (total + n * F) / (largest + F)}, about how many parts the
 * size of its largest part it holds. {@code F} ({@link #FIXED_COST_BYTES}) is a fixed cost per part, so parts
 * much smaller than F all count about 1. The weight must reach a <em>base</em>. The base is {@link #BASE_SMALL}
 * for runs whose largest part is at most {@link #SMALL_BYTES}. It falls with the logarithm of that size to
 * {@link #BASE_LARGE} at {@link #LARGE_BYTES}. Two things lower it toward 2, so parts never pile up. One is the
 * partition's part count, from {@link #PRESSURE_FROM} to {@link #PRESSURE_FULL} parts (well below
 * {@code parts_to_delay_insert}, 150). The other is the age of the youngest part in the run, from
 * {@link #AGE_FROM_MILLIS} to {@link #AGE_FULL_MILLIS}, so the small parts left after a burst are merged within
 * minutes. A stream of small inserts is then merged about 16 parts at a time. The write amplification of 670
 * equal inserts falls from 4.1 to 1.8 (MergeSelectorSimulationTest).
 *
 * <p>While inserts are flowing on the node ({@code insertsFlowing}) and a partition holds fewer than
 * {@link #PRESSURE_FULL} parts, only runs of at most {@link #FLOWING_MAX_RUN_BYTES} merge, and neither the part
 * count nor the parts' age lowers their base: merging small fresh parts keeps the part count down, while rewriting big parts again
 * (earlier merges' results, a bulk append's parts) waits for the inserts to stop instead of taking the cores they
 * need (ClickHouse similarly lowers the largest merge it starts while its merge pool is busy). From
 * {@link #PRESSURE_FULL} parts the usual rule applies, so parts never pile up.
 *
 * <p>Runs stop at {@link #MAX_TIERED_PARTS}. The k-way merge compares the heads of every source for each step, so
 * its CPU per row grows with the fan-in. Measured (MergeFanInMain): about 750 ns per row at 10 parts, 1,050 ns at
 * 30 and 2,900 ns at 100.
 */
public final class MergeSelector {
    /** Longest run {@link #select} merges. */
    public static final int MAX_PARTS_PER_MERGE = 10;
    /** Longest run {@link #selectTiered} merges. */
    public static final int MAX_TIERED_PARTS = 32;
    /** Base (parts of equal size needed) for runs of small parts. */
    public static final double BASE_SMALL = 16;
    /** Base for runs whose largest part is {@link #LARGE_BYTES} or more. */
    public static final double BASE_LARGE = 4;
    public static final long SMALL_BYTES = 1L << 20;
    public static final long LARGE_BYTES = 1L << 30;
    /** Fixed cost per merged part, in bytes: parts much smaller than this count alike. */
    public static final long FIXED_COST_BYTES = 256L << 10;
    /** Active parts in a partition from which the base starts falling toward 2... */
    public static final int PRESSURE_FROM = 32;
    /** ...reaching 2 here. */
    public static final int PRESSURE_FULL = 64;
    /** While inserts flow, bigger runs wait (unless their partition holds PRESSURE_FULL parts). */
    public static final long FLOWING_MAX_RUN_BYTES = 64L << 20;
    /** Age of the youngest part of a run from which its base starts falling toward 2... */
    public static final long AGE_FROM_MILLIS = 30_000;
    /** ...reaching 2 here. */
    public static final long AGE_FULL_MILLIS = 300_000;

    /** A part as the selector sees it; {@code ageMillis} is how long it has been active (0 when unknown). */
    public record Candidate(PartName name, long bytes, long ageMillis) {
        public Candidate(PartName name, long bytes) {
            this(name, bytes, 0);
        }
    }

    private MergeSelector() {
    }

    /**
     * The size-tiered rule (see the class comment).
     *
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
        return choose(parts, busy, minParts, maxBytes, MAX_PARTS_PER_MERGE,
                (total, length, largest, partitionParts, youngest) -> force || largest <= total - largest);
    }

    /**
     * The rule for a table's own background merges (see the class comment): runs of up to
     * {@link #MAX_TIERED_PARTS} parts whose weight reaches the base, with at most {@code maxBytes} in all.
     */
    public static List<PartName> selectTiered(List<Candidate> parts, Set<PartName> busy, int minParts,
                                              long maxBytes) {
        return selectTiered(parts, busy, minParts, maxBytes, false);
    }

    /**
     * {@link #selectTiered(List, Set, int, long)}, holding back runs of big parts while {@code insertsFlowing}
     * (see the class comment).
     */
    public static List<PartName> selectTiered(List<Candidate> parts, Set<PartName> busy, int minParts,
                                              long maxBytes, boolean insertsFlowing) {
        return choose(parts, busy, minParts, maxBytes, MAX_TIERED_PARTS,
                (total, length, largest, partitionParts, youngest) -> {
                    boolean holding = insertsFlowing && partitionParts < PRESSURE_FULL;
                    if (holding && total > FLOWING_MAX_RUN_BYTES) {
                        return false;
                    }
                    double pressure = holding ? 0 : ramp(partitionParts, PRESSURE_FROM, PRESSURE_FULL);
                    return weight(total, length, largest) >= base(largest, pressure, holding ? 0 : youngest);
                });
    }

    /** Whether a run may be merged. */
    @FunctionalInterface
    private interface Rule {
        boolean allows(long total, int length, long largest, int partitionParts, long youngestAgeMillis);
    }

    private static List<PartName> choose(List<Candidate> parts, Set<PartName> busy, int minParts, long maxBytes,
                                         int longest, Rule rule) {
        int shortest = Math.max(2, minParts);
        int bestFrom = -1;
        int bestLength = 0;
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
                long youngest = Long.MAX_VALUE;
                for (int to = from; to < end && to - from < longest; to++) {
                    Candidate candidate = parts.get(to);
                    if (busy.contains(candidate.name())) {
                        break;
                    }
                    total += candidate.bytes();
                    largest = Math.max(largest, candidate.bytes());
                    youngest = Math.min(youngest, candidate.ageMillis());
                    if (total > maxBytes) {
                        break;
                    }
                    int length = to - from + 1;
                    if (length < shortest || length < bestLength
                            || (length == bestLength && total >= bestTotal)) {
                        continue;
                    }
                    if (rule.allows(total, length, largest, end - start, youngest)) {
                        bestFrom = from;
                        bestLength = length;
                        bestTotal = total;
                    }
                }
            }
            start = end;
        }
        if (bestFrom < 0) {
            return List.of();
        }
        List<PartName> names = new ArrayList<>(bestLength);
        for (int i = bestFrom; i < bestFrom + bestLength; i++) {
            names.add(parts.get(i).name());
        }
        return names;
    }

    /** How many parts the size of the largest one a run holds, each part costing {@link #FIXED_COST_BYTES} more. */
    static double weight(long total, int length, long largest) {
        return (total + (double) length * FIXED_COST_BYTES) / (largest + (double) FIXED_COST_BYTES);
    }

    /**
     * The weight a background run needs: by the size of its largest part, lowered toward 2 by the partition's
     * part count ({@code pressure}, 0 to 1) and by the age of the run's youngest part.
     */
    static double base(long largest, double pressure, long youngestAgeMillis) {
        double size = ramp(Math.log(Math.max(1, largest)), Math.log(SMALL_BYTES), Math.log(LARGE_BYTES));
        double base = BASE_SMALL + (BASE_LARGE - BASE_SMALL) * size;
        double lowering = Math.min(1, pressure + ramp(youngestAgeMillis, AGE_FROM_MILLIS, AGE_FULL_MILLIS));
        return base + (2 - base) * lowering;
    }

    /** 0 at or below {@code from}, 1 at or above {@code to}, linear between. */
    private static double ramp(double value, double from, double to) {
        if (value <= from) {
            return 0;
        }
        return value >= to ? 1 : (value - from) / (to - from);
    }
}
