package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * uniq and uniqExact of one integer, float or string argument. uniqExact keeps a {@link LongHashSet} per group:
 * integers as themselves (exact); strings as a 64-bit hash of their bytes (a false merge needs a 64-bit collision,
 * about one in 10^7 for 10^6 distinct values); floats by their bits with -0 folded into 0. uniq keeps ClickHouse's
 * sketch per group ({@link UniquesSketch}) and so answers ClickHouse's approximate figure.
 */
final class UniqAggregate implements AggregateFunction {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final boolean sampled;

    /** @param sampled uniq (ClickHouse's sampled sketch); else uniqExact */
    UniqAggregate(boolean sampled) {
        this.sampled = sampled;
    }

    static boolean supports(DataType type) {
        PhysicalKind kind = type.physical();
        return kind == PhysicalKind.LONG || kind == PhysicalKind.DOUBLE || kind == PhysicalKind.BYTES;
    }

    @Override
    public DataType resultType() {
        return Types.UINT64;
    }

    @Override
    public Accumulator newAccumulator() {
        return sampled ? new SketchAccumulator() : exactAccumulator();
    }

    /** uniq: one {@link UniquesSketch} per group. */
    private static final class SketchAccumulator implements Accumulator {
        private UniquesSketch[] sketches = new UniquesSketch[16];
        private int groups;
        /** Hashes held over all groups (a sampled sketch drops some: an upper bound then). */
        private long held;

        @Override
        public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
            sketches = Grow.objects(sketches, groupCount);
            groups = Math.max(groups, groupCount);
            Column column = arguments[0];
            for (int i = 0; i < rows; i++) {
                UniquesSketch sketch = sketch(groupIds[i]);
                int before = sketch.size();
                sketch.add(UniqHash.of(column, i));
                held += sketch.size() - before;
            }
        }

        private UniquesSketch sketch(int group) {
            UniquesSketch sketch = sketches[group];
            if (sketch == null) {
                sketch = new UniquesSketch();
                sketches[group] = sketch;
            }
            return sketch;
        }

        /** The group array, a sketch per group, and 8 bytes per hash held (slots kept under half full). */
        @Override
        public long memoryBytes() {
            return 8L * sketches.length + 48L * groups + 8L * held;
        }

        @Override
        public Column result(int groupCount) {
            sketches = Grow.objects(sketches, groupCount);
            return counts(sketches, groupCount, UniquesSketch::estimate);
        }
    }

    private static Accumulator exactAccumulator() {
        return new Accumulator() {
            private LongHashSet[] sets = new LongHashSet[16];
            /** Values held over all groups, and groups seen: for {@link #memoryBytes()}. */
            private long entries;
            private int groups;

            @Override
            public void add(Column[] arguments, int[] groupIds, int rows, int groupCount) {
                sets = Grow.objects(sets, groupCount);
                groups = Math.max(groups, groupCount);
                LongHashSet[] states = sets;
                Column column = arguments[0];
                switch (column) {
                    case LongColumn longs -> {
                        long[] values = longs.rawValues();
                        int offset = longs.rawOffset();
                        for (int i = 0; i < rows; i++) {
                            put(states, groupIds[i], values[offset + i]);
                        }
                    }
                    case StringColumn strings -> {
                        byte[] bytes = strings.rawBytes();
                        for (int i = 0; i < rows; i++) {
                            put(states, groupIds[i], hash(bytes, strings.valueOffset(i), strings.valueLength(i)));
                        }
                    }
                    case DoubleColumn doubles -> {
                        double[] values = doubles.rawValues();
                        int offset = doubles.rawOffset();
                        for (int i = 0; i < rows; i++) {
                            double value = values[offset + i];
                            put(states, groupIds[i], value == 0 ? 0 : Double.doubleToLongBits(value));
                        }
                    }
                    default -> throw new IllegalStateException("uniq over " + column.type().name());
                }
            }

            private void put(LongHashSet[] states, int group, long value) {
                LongHashSet set = set(states, group);
                int before = set.size();
                set.add(value);
                entries += set.size() - before;
            }

            /** The group array, a set object per group, and 16 bytes per value (slots kept under half full). */
            @Override
            public long memoryBytes() {
                return 8L * sets.length + 48L * groups + 16L * entries;
            }

            @Override
            public Column result(int groupCount) {
                sets = Grow.objects(sets, groupCount);
                return counts(sets, groupCount, LongHashSet::size);
            }
        };
    }

    /** The UInt64 result column: each group's count, 0 for a group that never saw a row. */
    private static <S> Column counts(S[] states, int groupCount, java.util.function.ToLongFunction<S> count) {
        long[] counts = new long[groupCount];
        for (int g = 0; g < groupCount; g++) {
            counts[g] = states[g] == null ? 0 : count.applyAsLong(states[g]);
        }
        return new LongColumn(Types.UINT64, counts);
    }

    private static LongHashSet set(LongHashSet[] sets, int group) {
        LongHashSet set = sets[group];
        if (set == null) {
            set = new LongHashSet(4);
            sets[group] = set;
        }
        return set;
    }

    /** A 64-bit hash of {@code bytes[offset, offset+length)}, 8 bytes at a time. */
    static long hash(byte[] bytes, int offset, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long word = (long) LONGS.get(bytes, offset + i);
            hash = Long.rotateLeft(hash ^ (word * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (bytes[offset + i] & 0xFFL) << shift;
        }
        hash = Long.rotateLeft(hash ^ (tail * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        hash ^= hash >>> 32;
        return hash;
    }
}
