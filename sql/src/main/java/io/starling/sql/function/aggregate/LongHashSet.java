package io.starling.sql.function.aggregate;

/**
 * A set of 64-bit values with open addressing over one {@code long[]} (0 is tracked by a flag, so the table can
 * use 0 for empty slots). The state of uniq and uniqExact for one group: no boxing, no per-value objects.
 * Not thread-safe.
 */
public final class LongHashSet {
    private long[] slots;
    private int size;
    private boolean hasZero;

    public LongHashSet(int expected) {
        int capacity = 8;
        while (capacity < expected * 2) {
            capacity <<= 1;
        }
        slots = new long[capacity];
    }

    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    public void add(long value) {
        if (value == 0) {
            hasZero = true;
            return;
        }
        long[] table = slots;
        int mask = table.length - 1;
        int slot = (int) mix(value) & mask;
        while (true) {
            long current = table[slot];
            if (current == 0) {
                table[slot] = value;
                if (++size * 2 > table.length) {
                    grow();
                }
                return;
            }
            if (current == value) {
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds every value of {@code other}. */
    public void addAll(LongHashSet other) {
        hasZero |= other.hasZero;
        for (long value : other.slots) {
            if (value != 0) {
                add(value);
            }
        }
    }

    private void grow() {
        long[] old = slots;
        long[] table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long value : old) {
            if (value != 0) {
                int slot = (int) mix(value) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = value;
            }
        }
        slots = table;
    }

    static long mix(long value) {
        value ^= value >>> 33;
        value *= 0xff51afd7ed558ccdL;
        value ^= value >>> 33;
        return value;
    }
}
