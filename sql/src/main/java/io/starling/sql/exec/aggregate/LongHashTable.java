package io.starling.sql.exec.aggregate;

import java.util.Arrays;

/** Maps longs to dense ids in insertion order with open addressing; no boxing. Not thread-safe. */
final class LongHashTable {
    private long[] keys = new long[1024];
    private int[] ids = new int[1024];
    private long[] keysById = new long[512];
    private int size;

    int size() {
        return size;
    }

    /** Bytes of this table's arrays. */
    long memoryBytes() {
        return 12L * keys.length + 8L * keysById.length;
    }

    long keyOf(int id) {
        return keysById[id];
    }

    int idOf(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (true) {
            int entry = ids[slot];
            if (entry == 0) {
                keys[slot] = key;
                ids[slot] = size + 1;
                if (size == keysById.length) {
                    keysById = Arrays.copyOf(keysById, size * 2);
                }
                keysById[size] = key;
                int id = size++;
                if (size * 2 > keys.length) {
                    rehash();
                }
                return id;
            }
            if (keys[slot] == key) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void rehash() {
        long[] biggerKeys = new long[keys.length * 2];
        int[] biggerIds = new int[ids.length * 2];
        int mask = biggerKeys.length - 1;
        for (int id = 0; id < size; id++) {
            long key = keysById[id];
            int slot = mix(key) & mask;
            while (biggerIds[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            biggerKeys[slot] = key;
            biggerIds[slot] = id + 1;
        }
        keys = biggerKeys;
        ids = biggerIds;
    }

    private static int mix(long key) {
        long hash = key * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 32));
    }
}
