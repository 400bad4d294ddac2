package io.starling.sql.function.aggregate;

import io.starling.sql.function.aggregate.state.StateInput;
import io.starling.sql.function.aggregate.state.StateOutput;
import io.starling.sql.function.hash.Murmur;
import java.util.zip.CRC32C;

/**
 * The state of ClickHouse's {@code uniq}, answering what ClickHouse answers for the same values: a set of 32-bit
 * hashes (the low half of ClickHouse's {@code intHash64}, MurmurHash3's finaliser, of each value's 64-bit
 * {@link UniqHash}), exact up to 65,536 of them and sampled beyond: then only hashes whose low {@code skipDegree}
 * bits are zero are kept, the degree rising by one each time the set overflows. What the set ends up holding
 * depends only on the distinct hashes seen, not on their order nor on how partial states were merged, so
 * {@link #estimate} is ClickHouse's figure: the count, times 2^degree plus a pseudo-random remainder, corrected for
 * collisions among 2^32 hash values. Below 65,536 distinct values the answer is the count of distinct hashes
 * (exact but for 32-bit collisions, as in ClickHouse).
 *
 * <p>{@link #write} uses ClickHouse's layout of a uniq state: the degree (one byte), the count (VarUInt), then each
 * hash as a little-endian UInt32. Open addressing over ints (0 marks an empty slot, a zero hash is a flag). Not
 * thread-safe.
 */
public final class UniquesSketch implements CountSketch<UniquesSketch> {
    /** ClickHouse's UNIQUES_HASH_MAX_SIZE. */
    static final int MAX_SIZE = 1 << 16;
    private static final double HASH_VALUES = 4294967296.0;

    private int[] slots = new int[16];
    private boolean hasZero;
    private int size;
    private int skipDegree;

    /** Adds a value by its 64-bit uniq hash ({@link UniqHash}). */
    @Override
    public void add(long valueHash) {
        addHash((int) Murmur.fmix64(valueHash));
    }

    /**
     * Adds a row of several arguments by ClickHouse's hash of them ({@code UniqArgumentsHash}), which ClickHouse
     * keeps as it is (its low 32 bits) instead of hashing it again.
     */
    public void addArgumentsHash(long argumentsHash) {
        addHash((int) argumentsHash);
    }

    private void addHash(int hash) {
        if (!kept(hash)) {
            return;
        }
        insert(hash);
        while (size > MAX_SIZE) {
            skipDegree++;
            rebuild(slots.length);
        }
    }

    @Override
    public void merge(UniquesSketch other) {
        if (other.skipDegree > skipDegree) {
            skipDegree = other.skipDegree;
            rebuild(slots.length);
        }
        if (other.hasZero) {
            addHash(0);
        }
        for (int hash : other.slots) {
            if (hash != 0) {
                addHash(hash);
            }
        }
    }

    /** ClickHouse's {@code UniquesHashSet::size()}. */
    @Override
    public long estimate() {
        if (skipDegree == 0) {
            return size;
        }
        long sampled = ((long) size << skipDegree) + (intHashCrc32(size) & ((1L << skipDegree) - 1));
        return Math.round(HASH_VALUES * (Math.log(HASH_VALUES) - Math.log(HASH_VALUES - sampled)));
    }

    /** Hashes held (a zero hash counts once). */
    int size() {
        return size;
    }

    /** Hashes are kept when their low {@code skipDegree} bits are zero. */
    int skipDegree() {
        return skipDegree;
    }

    @Override
    public void write(StateOutput out) {
        out.writeByte(skipDegree);
        out.writeVarUInt(size);
        if (hasZero) {
            out.writeInt(0);
        }
        for (int hash : slots) {
            if (hash != 0) {
                out.writeInt(hash);
            }
        }
    }

    /**
     * Replaces this state with one {@link #write} wrote. A state written by Starling before uniq followed
     * ClickHouse (64-bit hashes of its own: recognised when exactly {@code 8 x count} bytes follow the count) is
     * read with each hash's low 32 bits, which keeps its sampling (a kept hash's low bits are zero) and its count;
     * merged with states written since, values counted in both count twice.
     */
    @Override
    public void read(StateInput in) {
        int degree = in.readByte();
        int count = in.readCount();
        boolean earlierLayout = count > 0 && in.remaining() == 8L * count;
        skipDegree = Math.min(degree, 31);
        hasZero = false;
        size = 0;
        slots = new int[tableFor(count)];
        for (int i = 0; i < count; i++) {
            insert(earlierLayout ? (int) in.readLong() : in.readInt());
        }
    }

    private boolean kept(int hash) {
        return (hash & ((1 << skipDegree) - 1)) == 0;
    }

    private void insert(int hash) {
        if (hash == 0) {
            if (!hasZero) {
                hasZero = true;
                size++;
            }
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            int[] old = slots;
            slots = new int[old.length * 2];
            for (int value : old) {
                if (value != 0) {
                    place(slots, value);
                }
            }
        }
        if (place(slots, hash)) {
            size++;
        }
    }

    /** Keeps only the hashes the current degree keeps, in a table of {@code capacity} slots. */
    private void rebuild(int capacity) {
        int[] old = slots;
        slots = new int[capacity];
        size = hasZero ? 1 : 0;
        for (int value : old) {
            if (value != 0 && kept(value)) {
                place(slots, value);
                size++;
            }
        }
    }

    /** Puts {@code hash} in {@code table} unless it is there; true when added. */
    private static boolean place(int[] table, int hash) {
        int mask = table.length - 1;
        // mixed first: a sampled set's hashes share their low bits (all zero)
        int index = fmix32(hash) & mask;
        while (table[index] != 0) {
            if (table[index] == hash) {
                return false;
            }
            index = (index + 1) & mask;
        }
        table[index] = hash;
        return true;
    }

    /** MurmurHash3's 32-bit finaliser. */
    private static int fmix32(int value) {
        int h = value;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    private static int tableFor(int count) {
        int capacity = 16;
        while (capacity < (long) count * 2 + 2) {
            capacity <<= 1;
        }
        return capacity;
    }

    /** ClickHouse's {@code intHashCRC32}: the CRC32C register (started at all ones, not inverted) over 8 bytes. */
    static long intHashCrc32(long value) {
        CRC32C crc = new CRC32C();
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        crc.update(bytes, 0, 8);
        return ~crc.getValue() & 0xFFFFFFFFL;
    }
}
