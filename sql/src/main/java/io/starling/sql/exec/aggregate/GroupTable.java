package io.starling.sql.exec.aggregate;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
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
        return new SerializedKeys(keyTypes);
    }

    /** Fills {@code groupIds[0, rows)} for the rows of {@code keys}. */
    abstract void assign(Column[] keys, int rows, int[] groupIds);

    abstract int groupCount();

    /** One column per key, one row per group, in group-id order. */
    abstract List<Column> keyColumns();

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
    }
}
