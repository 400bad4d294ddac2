package io.starling.sql.exec.scan;

import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.optimizer.KeyCondition;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.part.DataPart;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The granules one scan of a MergeTree table reads, shared by the scan's workers: a snapshot of the parts, the
 * granules each part keeps after partition pruning and primary-key analysis, and a cursor that hands granules
 * out in order (one worker reads them in table order; several take turns). Thread-safe. Closing releases the
 * snapshot; the owner closes it after every worker is done.
 */
public final class ScanTask implements AutoCloseable {
    private final List<ColumnDefinition> columns;
    private final MergeTreeSnapshot snapshot;
    private final List<DataPart> parts = new ArrayList<>();
    private final int[] unitPart;
    private final int[] unitGranule;
    /** Units where every row satisfies the scan's filter (null: none known). */
    private final BitSet exactUnits;
    private final AtomicInteger cursor = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ScanTask(MergeTreeTableSource table, List<String> columnNames, KeyCondition condition) {
        this(table, columnNames, (GranuleFilter) condition);
    }

    /** A scan reading the granules {@code condition} selects in each part (null: every granule). */
    public ScanTask(MergeTreeTableSource table, List<String> columnNames, GranuleFilter condition) {
        this(table, columnNames, condition, null);
    }

    /**
     * A scan reading the granules {@code condition} selects in each part (null: every granule); {@code keys} (or
     * null) also tells which of them match the filter on every row, so readers can skip evaluating it there.
     * {@code keys} must be implied by the filter the readers evaluate; {@code condition} may be it or narrower.
     */
    public ScanTask(MergeTreeTableSource table, List<String> columnNames, GranuleFilter condition, KeyCondition keys) {
        List<ColumnDefinition> wanted = new ArrayList<>();
        for (String name : columnNames) {
            int index = table.definition().columnIndex(name);
            wanted.add(table.definition().columns().get(index));
        }
        this.columns = List.copyOf(wanted);
        this.snapshot = table.snapshot();
        int total = 0;
        List<BitSet> selections = new ArrayList<>();
        List<BitSet> exacts = new ArrayList<>();
        for (DataPart part : snapshot.parts()) {
            BitSet granules;
            BitSet exact = null;
            if (keys != null) {
                KeyCondition.Selection selection = keys.select(part);
                exact = selection.exact().isEmpty() ? null : selection.exact();
                granules = condition == keys ? selection.granules() : condition == null ? null : condition.granules(part);
            } else {
                granules = condition == null ? null : condition.granules(part);
            }
            if (granules == null) {
                granules = new BitSet();
                granules.set(0, part.granuleCount());
            }
            if (granules.isEmpty()) {
                continue;
            }
            parts.add(part);
            selections.add(granules);
            exacts.add(exact);
            total += granules.cardinality();
        }
        unitPart = new int[total];
        unitGranule = new int[total];
        BitSet exactAll = new BitSet();
        int next = 0;
        for (int p = 0; p < parts.size(); p++) {
            BitSet granules = selections.get(p);
            BitSet exact = exacts.get(p);
            for (int g = granules.nextSetBit(0); g >= 0; g = granules.nextSetBit(g + 1)) {
                if (exact != null && exact.get(g)) {
                    exactAll.set(next);
                }
                unitPart[next] = p;
                unitGranule[next++] = g;
            }
        }
        exactUnits = exactAll.isEmpty() ? null : exactAll;
    }

    public List<ColumnDefinition> columns() {
        return columns;
    }

    /** Granules to read in all. */
    public int units() {
        return unitPart.length;
    }

    public long snapshotRows() {
        return snapshot.rowCount();
    }

    /** Claims the next granule: its index in {@link #units()} order, or -1 when all are taken. */
    int claim() {
        int unit = cursor.getAndIncrement();
        return unit < unitPart.length ? unit : -1;
    }

    DataPart part(int unit) {
        return parts.get(unitPart[unit]);
    }

    int partIndex(int unit) {
        return unitPart[unit];
    }

    /** Whether every row of the unit's granule satisfies the scan's filter. */
    boolean exact(int unit) {
        return exactUnits != null && exactUnits.get(unit);
    }

    int granule(int unit) {
        return unitGranule[unit];
    }

    int partCount() {
        return parts.size();
    }

    /** Makes every later {@link #claim()} fail, so workers stop early (LIMIT satisfied, query cancelled). */
    void stop() {
        cursor.set(Integer.MAX_VALUE / 2);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop();
            snapshot.close();
        }
    }
}
