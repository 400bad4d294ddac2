package io.starling.sql.exec.fill;

import io.starling.sql.plan.PlanNode;

/**
 * The values of the WITH FILL keys of one (generated or real) row, and the rules that step them, as ClickHouse's
 * filling works: a generated value lies on the grid {@code start + k * step}; the row moves to a real row's value
 * only when the grid meets it; {@code TO} is exclusive; a deeper key restarts from its {@code FROM} when a
 * shallower key steps. Values are longs (integers, dates, date-times) or doubles (floats); a key may be unset.
 */
final class FillRow {
    private final FillStep[] steps;
    private final PlanNode.FillKey[] keys;
    final long[] longs;
    final double[] doubles;
    final boolean[] set;

    FillRow(PlanNode.FillKey[] keys, FillStep[] steps) {
        this.keys = keys;
        this.steps = steps;
        this.longs = new long[keys.length];
        this.doubles = new double[keys.length];
        this.set = new boolean[keys.length];
    }

    int size() {
        return keys.length;
    }

    boolean floating(int i) {
        return steps[i].floating();
    }

    void copyFrom(FillRow other, int i) {
        longs[i] = other.longs[i];
        doubles[i] = other.doubles[i];
        set[i] = other.set[i];
    }

    void setFrom(int i) {
        Object from = keys[i].from();
        set[i] = from != null;
        if (from != null) {
            assign(i, from);
        }
    }

    void setTo(int i) {
        Object to = keys[i].to();
        set[i] = to != null;
        if (to != null) {
            assign(i, to);
        }
    }

    private void assign(int i, Object value) {
        if (floating(i)) {
            doubles[i] = ((Number) value).doubleValue();
        } else {
            longs[i] = ((Number) value).longValue();
        }
    }

    /** Every key from {@code start} on takes its FROM (or is unset without one). */
    void initFromDefaults(int start) {
        for (int i = start; i < keys.length; i++) {
            setFrom(i);
        }
    }

    boolean equalAt(int i, FillRow other) {
        return floating(i) ? doubles[i] == other.doubles[i] : longs[i] == other.longs[i];
    }

    /** {@code this[i]} before {@code other[i]} in the key's direction. */
    boolean lessAt(int i, FillRow other) {
        boolean less = floating(i) ? doubles[i] < other.doubles[i] : longs[i] < other.longs[i];
        boolean greater = floating(i) ? doubles[i] > other.doubles[i] : longs[i] > other.longs[i];
        return keys[i].descending() ? greater : less;
    }

    /** Lexicographic order in the keys' directions, skipping unset keys. */
    boolean lessThan(FillRow other) {
        for (int i = 0; i < keys.length; i++) {
            if (!set[i] || !other.set[i] || equalAt(i, other)) {
                continue;
            }
            return lessAt(i, other);
        }
        return false;
    }

    boolean allUnset() {
        for (boolean value : set) {
            if (value) {
                return false;
            }
        }
        return true;
    }

    /** Answers whether the stepped value at {@code i} lies before {@code bound} (the key's TO), exclusive. */
    private boolean stepBefore(int i, FillRow scratch, Object bound) {
        scratch.longs[i] = longs[i];
        scratch.doubles[i] = doubles[i];
        steps[i].apply(scratch, i);
        if (floating(i)) {
            double limit = ((Number) bound).doubleValue();
            return keys[i].descending() ? scratch.doubles[i] > limit : scratch.doubles[i] < limit;
        }
        long limit = ((Number) bound).longValue();
        return keys[i].descending() ? scratch.longs[i] > limit : scratch.longs[i] < limit;
    }

    private boolean equalsBound(int i, Object bound) {
        if (bound == null) {
            return false;
        }
        return floating(i) ? doubles[i] == ((Number) bound).doubleValue() : longs[i] == ((Number) bound).longValue();
    }

    /**
     * Steps towards {@code target}. Answers {apply, changed}: apply when this row is a new row to insert,
     * changed when the values moved.
     */
    boolean[] next(FillRow target, FillRow scratch) {
        int size = keys.length;
        int pos = 0;
        for (; pos < size; pos++) {
            if (set[pos] && target.set[pos] && !equalAt(pos, target)) {
                break;
            }
        }
        if (pos == size || target.lessAt(pos, this)) {
            return new boolean[] {false, false};
        }
        for (int i = size - 1; i > pos; i--) {
            if (keys[i].to() == null || !set[i]) {
                continue;
            }
            if (stepBefore(i, scratch, keys[i].to())) {
                longs[i] = scratch.longs[i];
                doubles[i] = scratch.doubles[i];
                initFromDefaults(i + 1);
                return new boolean[] {true, true};
            }
        }
        scratch.longs[pos] = longs[pos];
        scratch.doubles[pos] = doubles[pos];
        steps[pos].apply(scratch, pos);
        scratch.set[pos] = true;
        if (target.lessAt(pos, scratch) || scratch.equalsBound(pos, keys[pos].to())) {
            return new boolean[] {false, false};
        }
        longs[pos] = scratch.longs[pos];
        doubles[pos] = scratch.doubles[pos];
        if (equalAt(pos, target)) {
            boolean less = false;
            for (int i = pos + 1; i < size; i++) {
                if (keys[i].from() != null) {
                    setFrom(i);
                } else {
                    copyFrom(target, i);
                }
                less |= set[i] && target.set[i] && lessAt(i, target);
            }
            return new boolean[] {less, true};
        }
        initFromDefaults(pos + 1);
        return new boolean[] {true, true};
    }
}
