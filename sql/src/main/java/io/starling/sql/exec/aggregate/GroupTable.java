package io.starling.sql.exec.aggregate;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns group ids to rows by their key values, specialised by key shape: no keys (one group), one
 * non-nullable integer-like key (a long hash table), anything else (keys serialised to bytes).
 * Not thread-safe.
 */
abstract sealed class GroupTable {

    static GroupTable forKeys(List<DataType> keyTypes) {
        if (keyTypes.isEmpty()) {
            return new NoKeys();
        }
        if (keyTypes.size() == 1 && keyTypes.get(0).physical() == PhysicalKind.LONG) {
            return new LongKey(keyTypes.get(0));
        }
        if (keyTypes.size() == 1 && keyTypes.get(0) instanceof io.starling.storage.type.StringType) {
            return new StringKey(keyTypes.get(0));
        }
        if (keyTypes.size() <= 3 && keyTypes.stream().allMatch(type -> type instanceof LowCardinalityType)) {
            return new DictionaryKeys(keyTypes);
        }
        return new SerializedKeys(keyTypes);
    }

    /** Fills {@code groupIds[0, rows)} for the rows of {@code keys}. */
    abstract void assign(Column[] keys, int rows, int[] groupIds);

    abstract int groupCount();

    /** One column per key, one row per group, in group-id order. */
    abstract List<Column> keyColumns();

    /** Estimated bytes this table holds (hash tables and stored keys); cheap, called once per block. */
    abstract long memoryBytes();

    /** Aggregation without GROUP BY: a single group that exists even without rows. */
    static final class NoKeys extends GroupTable {
        @Override
        void assign(Column[] keys, int rows, int[] groupIds) {
            java.util.Arrays.fill(groupIds, 0, rows, 0);
        }

        @Override
        int groupCount() {
            return 1;
        }

        @Override
        List<Column> keyColumns() {
            return List.of();
        }

        @Override
        long memoryBytes() {
            return 0;
        }
    }

    /** GROUP BY one integer, date or time column. */
    static final class LongKey extends GroupTable {
        private final DataType type;
        private final LongHashTable table = new LongHashTable();

        LongKey(DataType type) {
            this.type = type;
        }

        @Override
        void assign(Column[] keys, int rows, int[] groupIds) {
            LongColumn column = (LongColumn) keys[0];
            long[] values = column.rawValues();
            int offset = column.rawOffset();
            for (int i = 0; i < rows; i++) {
                groupIds[i] = table.idOf(values[offset + i]);
            }
        }

        @Override
        int groupCount() {
            return table.size();
        }

        @Override
        List<Column> keyColumns() {
            long[] values = new long[table.size()];
            for (int id = 0; id < values.length; id++) {
                values[id] = table.keyOf(id);
            }
            return List.of(new LongColumn(type, values));
        }

        @Override
        long memoryBytes() {
            return table.memoryBytes();
        }
    }

    /** GROUP BY one non-nullable String: the bytes are the hash key, no serialisation. */
    static final class StringKey extends GroupTable {
        private final DataType type;
        private final BytesHashTable table = new BytesHashTable();

        StringKey(DataType type) {
            this.type = type;
        }

        @Override
        void assign(Column[] keys, int rows, int[] groupIds) {
            StringColumn strings = (StringColumn) keys[0];
            byte[] bytes = strings.rawBytes();
            for (int i = 0; i < rows; i++) {
                groupIds[i] = table.idOf(bytes, strings.valueOffset(i), strings.valueLength(i));
            }
        }

        @Override
        int groupCount() {
            return table.size();
        }

        @Override
        List<Column> keyColumns() {
            int size = table.size();
            int[] offsets = java.util.Arrays.copyOf(table.starts(), size + 1);
            byte[] bytes = java.util.Arrays.copyOf(table.arena(), offsets[size]);
            return List.of(new StringColumn(type, bytes, offsets, 0, size));
        }

        @Override
        long memoryBytes() {
            return table.memoryBytes();
        }
    }

    /**
     * GROUP BY up to three LowCardinality columns: each block's dictionary entries are mapped to global ids once
     * (a small table per key), so rows are grouped by a packed long of ids without touching their values.
     */
    static final class DictionaryKeys extends GroupTable {
        private final List<DataType> types;
        private final GroupTable[] values;
        private final LongHashTable packed = new LongHashTable();
        private int[] dictionaryIds = new int[64];

        DictionaryKeys(List<DataType> types) {
            this.types = List.copyOf(types);
            this.values = new GroupTable[types.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = forKeys(List.of(((LowCardinalityType) types.get(k)).inner()));
            }
        }

        @Override
        void assign(Column[] keys, int rows, int[] groupIds) {
            long[] combined = new long[rows];
            for (int k = 0; k < keys.length; k++) {
                LowCardinalityColumn column = keys[k] instanceof LowCardinalityColumn lowCardinality ? lowCardinality
                        : new LowCardinalityColumn(types.get(k), keys[k], identity(rows), 0, rows);
                Column dictionary = column.dictionary();
                int size = dictionary.size();
                if (dictionaryIds.length < size) {
                    dictionaryIds = new int[size];
                }
                values[k].assign(new Column[] {dictionary}, size, dictionaryIds);
                int[] codes = column.rawCodes();
                int offset = column.rawOffset();
                for (int i = 0; i < rows; i++) {
                    combined[i] = (combined[i] << 21) | dictionaryIds[codes[offset + i]];
                }
            }
            for (int i = 0; i < rows; i++) {
                groupIds[i] = packed.idOf(combined[i]);
            }
        }

        private static int[] identity(int rows) {
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                codes[i] = i;
            }
            return codes;
        }

        @Override
        int groupCount() {
            return packed.size();
        }

        @Override
        List<Column> keyColumns() {
            int groups = packed.size();
            List<Column> columns = new ArrayList<>();
            for (int k = 0; k < values.length; k++) {
                int shift = 21 * (values.length - 1 - k);
                int[] codes = new int[groups];
                for (int g = 0; g < groups; g++) {
                    codes[g] = (int) ((packed.keyOf(g) >>> shift) & ((1 << 21) - 1));
                }
                Column dictionary = values[k].keyColumns().get(0);
                columns.add(new LowCardinalityColumn(types.get(k), dictionary, codes, 0, groups));
            }
            return columns;
        }

        @Override
        long memoryBytes() {
            long bytes = packed.memoryBytes() + 4L * dictionaryIds.length;
            for (GroupTable table : values) {
                bytes += table.memoryBytes();
            }
            return bytes;
        }
    }

    /** Any other keys: serialised per row into bytes. */
    static final class SerializedKeys extends GroupTable {
        private final BytesHashTable table = new BytesHashTable();
        private final KeySerializer serializer = new KeySerializer();
        private final List<ColumnBuilder> builders = new ArrayList<>();

        SerializedKeys(List<DataType> keyTypes) {
            for (DataType type : keyTypes) {
                builders.add(ColumnBuilder.forType(type, 64));
            }
        }

        @Override
        void assign(Column[] keys, int rows, int[] groupIds) {
            for (int i = 0; i < rows; i++) {
                serializer.serialize(keys, i);
                int before = table.size();
                int id = table.idOf(serializer.buffer(), serializer.length());
                if (table.size() > before) {
                    for (int k = 0; k < keys.length; k++) {
                        builders.get(k).appendFrom(keys[k], i);
                    }
                }
                groupIds[i] = id;
            }
        }

        @Override
        int groupCount() {
            return table.size();
        }

        @Override
        List<Column> keyColumns() {
            List<Column> columns = new ArrayList<>(builders.size());
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            return columns;
        }

        @Override
        long memoryBytes() {
            // the builders hold each key once more, about as many bytes as the serialised keys in the arena
            return 2 * table.memoryBytes();
        }
    }
}
