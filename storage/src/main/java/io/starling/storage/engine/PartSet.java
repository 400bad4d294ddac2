package io.starling.storage.engine;

import io.starling.storage.part.DataPart;
import io.starling.storage.part.MissingColumns;
import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The active parts of a table and the parts reserved by a running merge or mutation. Every change is one swap of
 * an immutable list under a short lock, so readers see the set before or after a change, never a mix. Holds one
 * reference on each active part. Thread-safe.
 */
final class PartSet {
    /** Immutable, in {@link PartName} order. */
    private List<DataPart> active;
    private final Set<PartName> reserved = new HashSet<>();
    private long truncatedUpTo;
    /**
     * Insert block numbers allocated whose parts are not published yet (being written, or prepared by a
     * transaction). A merge must not cover one: the part published later would sit inside the merged range, and
     * the next open removes a part a merged part covers.
     */
    private final java.util.TreeSet<Long> pendingBlocks = new java.util.TreeSet<>();
    private boolean closed;
    /** What the parts read for columns they lack; handed to every part that enters the set. */
    private MissingColumns missingColumns = MissingColumns.TYPE_DEFAULTS;

    PartSet(List<DataPart> active, long truncatedUpTo) {
        this.active = List.copyOf(active);
        this.truncatedUpTo = truncatedUpTo;
    }

    /** From now on the parts read columns they lack through {@code columns} (the table's current definition). */
    synchronized void useMissingColumns(MissingColumns columns) {
        missingColumns = columns;
        active.forEach(part -> part.fillMissingWith(columns));
    }

    synchronized List<DataPart> active() {
        return active;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
    }

    /** The active parts, each with a new reference for the caller. */
    synchronized List<DataPart> acquireActive() {
        for (DataPart part : active) {
            if (!part.tryAcquire()) {
                throw new IllegalStateException("Active part [" + part.name() + "] has no references");
            }
        }
        return active;
    }

    /**
     * Lets {@code chooser} pick parts among the active ones (given the reserved names) and reserves them, with a
     * reference each for the caller. Returns the reserved parts in name order; empty when nothing was chosen.
     */
    synchronized List<DataPart> reserve(BiFunction<List<DataPart>, Set<PartName>, Collection<PartName>> chooser) {
        if (closed) {
            return List.of();
        }
        Set<PartName> wanted = new HashSet<>(chooser.apply(active, Set.copyOf(reserved)));
        List<DataPart> chosen = new ArrayList<>();
        for (DataPart part : active) {
            if (wanted.contains(part.partName()) && !reserved.contains(part.partName()) && part.tryAcquire()) {
                chosen.add(part);
            }
        }
        if (chosen.size() != wanted.size()) {
            chosen.forEach(DataPart::release);
            return List.of();
        }
        for (DataPart part : chosen) {
            reserved.add(part.partName());
        }
        return chosen;
    }

    /** Ends a reservation and drops the caller's references. */
    void unreserve(Collection<DataPart> parts) {
        synchronized (this) {
            for (DataPart part : parts) {
                reserved.remove(part.partName());
            }
        }
        parts.forEach(DataPart::release);
    }

    /** True when every part of {@code parts} is still active and the table is open. */
    synchronized boolean allActive(Collection<DataPart> parts) {
        return !closed && active.containsAll(parts);
    }

    /**
     * Replaces {@code retired} by {@code added} in one step, if every retired part is still active, the table is
     * open and {@code blockNumber} (-1: none) was not truncated. The set takes over the references on
     * {@code added}; the caller must release the set's references on {@code retired} when this returns true.
     */
    synchronized boolean swap(Collection<DataPart> retired, Collection<DataPart> added, long blockNumber) {
        if (closed || !active.containsAll(retired) || (blockNumber >= 0 && blockNumber <= truncatedUpTo)) {
            return false;
        }
        List<DataPart> next = new ArrayList<>(active);
        next.removeAll(retired);
        added.forEach(part -> part.fillMissingWith(missingColumns));
        next.addAll(added);
        next.sort((left, right) -> left.partName().compareTo(right.partName()));
        active = List.copyOf(next);
        return true;
    }

    /** Allocates the next insert block number from {@code last} and holds it pending until {@link #unpend}. */
    synchronized long allocatePending(java.util.concurrent.atomic.AtomicLong last) {
        long block = last.incrementAndGet();
        pendingBlocks.add(block);
        return block;
    }

    /** The block's parts were published or discarded: merges may cover it again. */
    synchronized void unpend(long block) {
        pendingBlocks.remove(block);
    }

    /** Block numbers allocated but not yet published, in order. */
    synchronized List<Long> pendingBlocks() {
        return List.copyOf(pendingBlocks);
    }

    /** True when rows of insert block {@code blockNumber} were truncated. */
    synchronized boolean truncated(long blockNumber) {
        return blockNumber <= truncatedUpTo;
    }

    /** Retires every active part (the caller releases the returned references) and records the truncation. */
    synchronized List<DataPart> truncate(long upTo) {
        truncatedUpTo = upTo;
        List<DataPart> retired = active;
        active = List.of();
        return retired;
    }

    /** Active parts in {@code partitionId}. */
    synchronized int countInPartition(String partitionId) {
        int count = 0;
        for (DataPart part : active) {
            if (part.partitionId().equals(partitionId)) {
                count++;
            }
        }
        return count;
    }
}
