package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.aggregate.CountSketch;
import java.util.Arrays;

/**
 * A set of 64-bit hashes: the state of uniqExact (and groupUniqArray's memory of values seen). Open addressing;
 * not thread-safe.
 */
final class HashSketch implements CountSketch<HashSketch> {
    private long[] slots = new long[8];
    private boolean hasZero;
    private int size;

    @Override
    public long estimate() {
        return size;
    }

    void clear() {
        slots = new long[8];
        hasZero = false;
        size = 0;
    }

    @Override
    public void add(long hash) {
        insert(hash);
    }

    private void clear(int expected) {
        slots = new long[Integer.highestOneBit(Math.max(8, expected * 2)) * 2];
        hasZero = false;
        size = 0;
    }

    private void insert(long hash) {
        if (hash == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long value : old) {
                if (value != 0) {
                    place(value);
                }
            }
        }
        if (place(hash)) {
            size++;
        }
    }

    private boolean place(long hash) {
        int mask = slots.length - 1;
        int index = (int) (hash ^ (hash >>> 29)) & mask;
        while (slots[index] != 0) {
            if (slots[index] == hash) {
                return false;
            }
            index = (index + 1) & mask;
        }
        slots[index] = hash;
        return true;
    }

    boolean contains(long hash) {
        if (hash == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int index = (int) (hash ^ (hash >>> 29)) & mask;
        while (slots[index] != 0) {
            if (slots[index] == hash) {
                return true;
            }
            index = (index + 1) & mask;
        }
        return false;
    }

    /** The hashes held, ascending unsigned. */
    long[] values() {
        long[] out = new long[size];
        int next = 0;
        if (hasZero) {
            out[next++] = 0;
        }
        for (long value : slots) {
            if (value != 0) {
                out[next++] = value;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(out);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= Long.MIN_VALUE;
        }
        return out;
    }

    @Override
    public void merge(HashSketch other) {
        for (long value : other.values()) {
            add(value);
        }
    }

    @Override
    public void write(StateOutput out) {
        long[] values = values();
        out.writeVarUInt(values.length);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    @Override
    public void read(StateInput in) {
        int count = in.readCount();
        clear(count);
        for (int i = 0; i < count; i++) {
            insert(in.readLong());
        }
    }

    /** A well-mixed 64-bit hash of {@code bytes[offset, offset + length)}. */
    static long hashBytes(byte[] bytes, int offset, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long word = 0;
            for (int b = 0; b < 8; b++) {
                word |= (bytes[offset + i + b] & 0xFFL) << (8 * b);
            }
            hash = mix(hash ^ word);
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (bytes[offset + i] & 0xFFL) << shift;
        }
        return mix(hash ^ tail ^ 0x632BE59BD9B4E019L);
    }

    /** Stafford's variant 13 finalizer (a bijection, so distinct integers keep distinct hashes). */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
