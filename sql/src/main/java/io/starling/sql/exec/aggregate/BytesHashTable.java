package io.starling.sql.exec.aggregate;

import java.util.Arrays;

/**
 * Maps byte strings to dense ids (0, 1, 2... in insertion order) with open addressing. Keys are copied into
 * one arena; lookups compare bytes in place, so a lookup allocates nothing. Not thread-safe.
 */
public final class BytesHashTable {
    private int[] slots = new int[1024];
    private int[] hashes = new int[512];
    private int[] starts = new int[513];
    private byte[] arena = new byte[8192];
    private int size;

    public int size() {
        return size;
    }

    /** Bytes of this table's arrays (slots, hashes, offsets and the key arena). */
    public long memoryBytes() {
        return 4L * (slots.length + hashes.length + starts.length) + arena.length;
    }

    /** The id of {@code key[0, length)}, inserting it if new. */
    public int idOf(byte[] key, int length) {
        return idOf(key, 0, length);
    }

    /** The id of {@code key[offset, offset+length)}, inserting it if new. */
    public int idOf(byte[] key, int offset, int length) {
        int hash = hash(key, offset, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int id = insert(key, offset, length, hash);
                slots[slot] = id + 1;
                if (size * 2 > slots.length) {
                    rehash();
                }
                return id;
            }
            int id = entry - 1;
            if (hashes[id] == hash && equalsAt(id, key, offset, length)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of {@code key[0, length)}, or -1 when absent; never inserts. */
    public int find(byte[] key, int length) {
        int hash = hash(key, 0, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && equalsAt(id, key, 0, length)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Whether the key was new (and is now present). */
    boolean add(byte[] key, int length) {
        int before = size;
        idOf(key, length);
        return size > before;
    }

    private boolean equalsAt(int id, byte[] key, int offset, int length) {
        int start = starts[id];
        return starts[id + 1] - start == length && Arrays.equals(arena, start, start + length, key, offset, offset + length);
    }

    /** The bytes of every key, in id order, and their offsets ({@code size() + 1} entries). */
    byte[] arena() {
        return arena;
    }

    int[] starts() {
        return starts;
    }

    private int insert(byte[] key, int offset, int length, int hash) {
        if (size + 1 >= hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        int start = starts[size];
        if (start + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(start + length, arena.length * 2));
        }
        System.arraycopy(key, offset, arena, start, length);
        hashes[size] = hash;
        starts[size + 1] = start + length;
        return size++;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = id + 1;
        }
        slots = bigger;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Eight bytes at a time, then a final mix. */
    private static int hash(byte[] key, int offset, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long word = (long) LONGS.get(key, offset + i);
            hash = Long.rotateLeft(hash ^ (word * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (key[offset + i] & 0xFFL) << shift;
        }
        hash = Long.rotateLeft(hash ^ (tail * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        hash ^= hash >>> 32;
        return (int) hash;
    }
}
