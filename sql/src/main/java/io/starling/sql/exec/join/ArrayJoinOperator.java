package io.starling.sql.exec.join;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Types;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * ARRAY JOIN: repeats each input row once per element of its arrays and appends the elements as columns.
 * Arrays joined together must have equal sizes per row. LEFT ARRAY JOIN keeps rows with empty arrays once,
 * with the element type's default. Output blocks are cut at {@link Block#MAX_ROWS} rows.
 */
public final class ArrayJoinOperator extends Operator {
    private final Operator input;
    private final List<io.starling.sql.plan.BoundExpression> arrays;
    private final boolean left;
    private final List<DataType> elementTypes = new ArrayList<>();
    private Block pending;
    private int pendingRow;

    public ArrayJoinOperator(ExecutionContext context, Operator input, List<io.starling.sql.plan.BoundExpression> arrays,
                             boolean left, List<ColumnDefinition> output) {
        super(context);
        this.input = input;
        this.arrays = List.copyOf(arrays);
        this.left = left;
        for (int i = output.size() - arrays.size(); i < output.size(); i++) {
            elementTypes.add(output.get(i).type());
        }
    }

    @Override
    protected Block produce() {
        if (pending == null) {
            pending = input.next();
            pendingRow = 0;
            if (pending == null) {
                return null;
            }
        }
        Block block = pending;
        ArrayColumn[] values = new ArrayColumn[arrays.size()];
        for (int a = 0; a < values.length; a++) {
            values[a] = (ArrayColumn) ExpressionEvaluator.column(arrays.get(a), block);
        }
        int[] rowPositions = new int[Math.min(Block.MAX_ROWS, 1024)];
        int[] elementPositions = new int[rowPositions.length];
        int count = 0;
        int row = pendingRow;
        for (; row < block.rowCount(); row++) {
            int size = values.length == 0 ? 0 : values[0].elementCount(row);
            for (int a = 1; a < values.length; a++) {
                if (values[a].elementCount(row) != size) {
                    throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH, "Arrays in ARRAY JOIN must have "
                            + "equal sizes; a row has " + size + " and " + values[a].elementCount(row) + " elements");
                }
            }
            int emitted = size == 0 && left ? 1 : size;
            if (count > 0 && count + emitted > Block.MAX_ROWS) {
                break;
            }
            if (count + emitted > rowPositions.length) {
                int capacity = Math.max(count + emitted, rowPositions.length * 2);
                rowPositions = java.util.Arrays.copyOf(rowPositions, capacity);
                elementPositions = java.util.Arrays.copyOf(elementPositions, capacity);
            }
            for (int e = 0; e < emitted; e++) {
                rowPositions[count] = row;
                elementPositions[count++] = size == 0 ? -1 : e;
            }
        }
        pendingRow = row;
        if (pendingRow >= block.rowCount()) {
            pending = null;
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < block.columnCount(); c++) {
            columns.add(block.column(c).select(rowPositions, count));
        }
        for (int a = 0; a < values.length; a++) {
            columns.add(elements(values[a], elementTypes.get(a), rowPositions, elementPositions, count));
        }
        return new Block(columns, count);
    }

    private static Column elements(ArrayColumn arrays, DataType type, int[] rows, int[] offsets, int count) {
        boolean anyEmpty = false;
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            anyEmpty |= offsets[i] < 0;
            positions[i] = offsets[i] < 0 ? -1 : arrays.elementStart(rows[i]) + offsets[i];
        }
        if (!anyEmpty) {
            return arrays.elements().select(positions, count);
        }
        ColumnBuilder builder = ColumnBuilder.forType(type, count);
        for (int i = 0; i < count; i++) {
            if (positions[i] < 0) {
                builder.appendDefault();
            } else {
                builder.appendFrom(arrays.elements(), positions[i]);
            }
        }
        return builder.build();
    }

    /** The element type of an ARRAY JOIN argument's type. */
    public static DataType elementType(DataType arrayType) {
        return ((ArrayType) Types.stripLowCardinality(arrayType)).element();
    }

    @Override
    public void close() {
        input.close();
    }
}
