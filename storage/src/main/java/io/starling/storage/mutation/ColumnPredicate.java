package io.starling.storage.mutation;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code column IN (values)} over one plain column (integers, floats, strings, LowCardinality strings; NULL never
 * matches): the {@link RowPredicate} storage tests and simple callers use without the SQL module.
 */
public final class ColumnPredicate implements RowPredicate {
    private final int columnIndex;
    private final Set<Long> longs = new HashSet<>();
    private final Set<Double> doubles = new HashSet<>();
    private final Set<String> strings = new HashSet<>();

    private ColumnPredicate(int columnIndex, List<?> values) {
        this.columnIndex = columnIndex;
        for (Object value : values) {
            if (value instanceof Number number) {
                longs.add(number.longValue());
                doubles.add(number.doubleValue());
            } else {
                strings.add(String.valueOf(value));
            }
        }
    }

    /** {@code column IN (values)}; values are Java numbers or strings. */
    public static ColumnPredicate in(TableDefinition definition, String column, Object... values) {
        int index = definition.columnIndex(column);
        if (index < 0) {
            throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Column [" + column
                    + "] does not exist in the table; name one of its columns");
        }
        return new ColumnPredicate(index, List.of(values));
    }

    @Override
    public boolean[] matches(Block block) {
        Column column = block.column(columnIndex);
        boolean[] result = new boolean[block.rowCount()];
        for (int row = 0; row < result.length; row++) {
            if (!column.isNull(row)) {
                result[row] = matches(column, row);
            }
        }
        return result;
    }

    private boolean matches(Column column, int row) {
        return switch (column) {
            case LongColumn longColumn -> longs.contains(longColumn.getLong(row));
            case DoubleColumn doubleColumn -> doubles.contains(doubleColumn.getDouble(row));
            case StringColumn stringColumn -> strings.contains(stringColumn.getString(row));
            case LowCardinalityColumn dictionary -> matches(dictionary.dictionary(), dictionary.code(row));
            case io.starling.storage.column.NullableColumn nullable -> matches(nullable.values(), row);
            default -> false;
        };
    }
}
