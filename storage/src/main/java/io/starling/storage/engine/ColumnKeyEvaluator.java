package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.PhysicalKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * A {@link KeyEvaluator} for keys made of plain column names: sorting key entries such as {@code id},
 * {@code `event time`}, {@code tuple()} or {@code (a, b)}; a partition key that is empty, {@code tuple()} or one
 * column. Expression keys come from the SQL module.
 *
 * <p>Partition ids: {@code all} without a partition key; integers in decimal (UInt64 unsigned); Date as
 * {@code YYYYMMDD}; DateTime and DateTime64 as their raw number; Bool as 0/1; floats by their decimal text with
 * {@code .} and {@code -} kept; strings (and LowCardinality strings) as the 16 hex digits of their XXH64 hash
 * (ClickHouse also hashes strings); NULL as {@code null}. Stateless and thread-safe.
 */
public final class ColumnKeyEvaluator implements KeyEvaluator {
    public static final String ALL = "all";
    private static final XXHash64 HASH = XXHashFactory.fastestInstance().hash64();

    private final int[] sortingColumns;
    private final int partitionColumn;

    public ColumnKeyEvaluator(TableDefinition definition) {
        List<String> names = new ArrayList<>();
        for (String entry : definition.sortingKey()) {
            names.addAll(splitTuple(entry));
        }
        this.sortingColumns = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            sortingColumns[i] = resolve(definition, names.get(i), "sorting key");
        }
        List<String> partition = splitTuple(definition.partitionKey());
        if (partition.size() > 1) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Partition key [" + definition.partitionKey()
                    + "] has several columns; use one column or an expression evaluated by the SQL module");
        }
        this.partitionColumn = partition.isEmpty() ? -1 : resolve(definition, partition.get(0), "partition key");
        if (partitionColumn >= 0) {
            PhysicalKind kind = definition.columns().get(partitionColumn).type().unwrapNullable().physical();
            if (kind == PhysicalKind.ARRAY || kind == PhysicalKind.TUPLE || kind == PhysicalKind.MAP) {
                throw new StarlingException(ErrorCode.ILLEGAL_COLUMN, "Column [" + partition.get(0) + "] is an "
                        + kind.name().charAt(0) + kind.name().substring(1).toLowerCase(java.util.Locale.ROOT)
                        + " and cannot be a partition key; partition by a scalar column");
            }
        }
    }

    /** {@code tuple()}, {@code tuple(a, b)}, {@code (a, b)}, {@code a} or empty to the list of bare names. */
    static List<String> splitTuple(String expression) {
        String text = expression == null ? "" : expression.trim();
        if (text.startsWith("tuple(") && text.endsWith(")")) {
            text = text.substring("tuple(".length(), text.length() - 1).trim();
        } else if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        List<String> result = new ArrayList<>();
        if (text.isEmpty()) {
            return result;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.length() >= 2 && (name.charAt(0) == '`' || name.charAt(0) == '"')
                    && name.charAt(name.length() - 1) == name.charAt(0)) {
                name = name.substring(1, name.length() - 1);
            }
            result.add(name);
        }
        return result;
    }

    private static int resolve(TableDefinition definition, String name, String what) {
        int index = definition.columnIndex(name);
        if (index < 0) {
            throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "The " + what + " entry [" + name
                    + "] is not a column of the table; use a column name, or let the SQL module evaluate expressions");
        }
        return index;
    }

    @Override
    public String[] partitionIds(Block block) {
        String[] ids = new String[block.rowCount()];
        if (partitionColumn < 0) {
            Arrays.fill(ids, ALL);
            return ids;
        }
        Column column = block.column(partitionColumn);
        String previous = null;
        for (int row = 0; row < ids.length; row++) {
            if (previous != null && sameValue(column, row, row - 1)) {
                ids[row] = previous;
                continue;
            }
            previous = partitionId(column, row);
            ids[row] = previous;
        }
        return ids;
    }

    /**
     * True when two rows of {@code column} certainly hold the same value (integers, dictionary codes), so they get
     * the same partition id; false when they differ or the check would cost more than computing the id.
     */
    public static boolean sameValue(Column column, int row, int other) {
        return switch (column) {
            case LongColumn longs -> longs.getLong(row) == longs.getLong(other);
            case LowCardinalityColumn dictionary -> dictionary.code(row) == dictionary.code(other);
            default -> false;
        };
    }

    /** The partition id of one value (see the class comment). */
    public static String partitionId(Column column, int row) {
        if (column.isNull(row)) {
            return "null";
        }
        return switch (column) {
            case LongColumn longs -> longId(longs.type(), longs.getLong(row));
            case DoubleColumn doubles -> sanitize(Double.toString(doubles.getDouble(row)));
            case StringColumn strings -> hashId(strings, row);
            case LowCardinalityColumn dictionary -> partitionId(dictionary.dictionary(), dictionary.code(row));
            case NullableColumn nullable -> partitionId(nullable.values(), row);
            default -> throw new StarlingException(ErrorCode.ILLEGAL_COLUMN, "A column of type [" + column.type().name()
                    + "] cannot be a partition key; partition by a scalar column");
        };
    }

    private static String longId(DataType type, long value) {
        if (type.behavesAs() instanceof DateType || type.behavesAs() instanceof io.starling.storage.type.Date32Type) {
            LocalDate date = LocalDate.ofEpochDay(value);
            return Integer.toString(date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth());
        }
        if (type instanceof IntegerType integer && integer.bits() == 64 && !integer.signed()) {
            return Long.toUnsignedString(value);
        }
        return Long.toString(value);
    }

    private static String hashId(StringColumn strings, int row) {
        long hash = HASH.hash(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row), 0);
        return java.util.HexFormat.of().toHexDigits(hash);
    }

    private static String sanitize(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            result.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '-');
        }
        return result.toString();
    }

    @Override
    public List<Column> sortingKey(Block block) {
        List<Column> keys = new ArrayList<>(sortingColumns.length);
        for (int index : sortingColumns) {
            keys.add(block.column(index));
        }
        return keys;
    }
}
