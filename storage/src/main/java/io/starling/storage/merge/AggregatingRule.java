package io.starling.storage.merge;

import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.SimpleAggregateFunctionType;
import java.util.List;
import java.util.Locale;

/**
 * AggregatingMergeTree: one row per sorting key. AggregateFunction columns merge their states through the
 * {@link AggregateStateMerger}; SimpleAggregateFunction(f, T) columns combine with f (sum, sumWithOverflow, min,
 * max, any, anyLast, groupBitAnd, groupBitOr, groupBitXor); every other column keeps the first row's value.
 */
final class AggregatingRule implements MergeRule {
    /** How one column combines. */
    private enum Combine {
        /** The first row's value (keys and plain columns). */
        FIRST,
        /** Last row's value. */
        LAST,
        /** Aggregate states through the merger. */
        STATE,
        /** Integer sum (wrapping). */
        SUM_LONG,
        /** Float sum. */
        SUM_DOUBLE,
        /** Smallest value. */
        MIN,
        /** Largest value. */
        MAX,
        /** Bitwise AND of integers. */
        BIT_AND,
        /** Bitwise OR of integers. */
        BIT_OR,
        /** Bitwise XOR of integers. */
        BIT_XOR
    }

    private final Combine[] combines;
    private final DataType[] types;
    private final ValueComparator[] comparators;
    private final AggregateStateMerger merger;
    private Column[] stateColumns = new Column[16];
    private int[] stateRows = new int[16];

    AggregatingRule(List<ColumnDefinition> columns, AggregateStateMerger merger) {
        this.merger = merger;
        this.combines = new Combine[columns.size()];
        this.types = new DataType[columns.size()];
        this.comparators = new ValueComparator[columns.size()];
        for (int i = 0; i < combines.length; i++) {
            DataType type = columns.get(i).type();
            types[i] = type;
            combines[i] = combineFor(columns.get(i).name(), type);
            if (combines[i] == Combine.MIN || combines[i] == Combine.MAX) {
                comparators[i] = ValueComparator.forType(type);
            }
        }
    }

    private static Combine combineFor(String column, DataType type) {
        if (type instanceof AggregateFunctionType) {
            return Combine.STATE;
        }
        if (!(type instanceof SimpleAggregateFunctionType simple)) {
            return Combine.FIRST;
        }
        String function = simple.function().toLowerCase(Locale.ROOT);
        boolean integer = simple.physical() == PhysicalKind.LONG;
        Combine combine = switch (function) {
            case "sum", "sumwithoverflow" -> integer ? Combine.SUM_LONG
                    : simple.physical() == PhysicalKind.DOUBLE ? Combine.SUM_DOUBLE : null;
            case "min" -> Combine.MIN;
            case "max" -> Combine.MAX;
            case "any" -> Combine.FIRST;
            case "anylast" -> Combine.LAST;
            case "groupbitand" -> integer ? Combine.BIT_AND : null;
            case "groupbitor" -> integer ? Combine.BIT_OR : null;
            case "groupbitxor" -> integer ? Combine.BIT_XOR : null;
            default -> null;
        };
        if (combine == null) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Column [" + column + "] of type [" + type.name()
                    + "] cannot be merged: SimpleAggregateFunction supports sum, min, max, any, anyLast and "
                    + "groupBitAnd/Or/Xor here; use AggregateFunction for the others");
        }
        return combine;
    }

    @Override
    public void merge(RowGroup group, boolean finalPass, RowOutput output) {
        int size = group.size();
        if (size == 1) {
            output.copyRow(group.block(0), group.row(0));
            return;
        }
        for (int column = 0; column < combines.length; column++) {
            ColumnBuilder builder = output.column(column);
            switch (combines[column]) {
                case FIRST -> builder.appendFrom(group.block(0).column(column), group.row(0));
                case LAST -> builder.appendFrom(group.block(size - 1).column(column), group.row(size - 1));
                case STATE -> mergeStates(group, column, builder);
                case SUM_LONG, BIT_AND, BIT_OR, BIT_XOR -> builder.appendLong(combineLongs(group, column));
                case SUM_DOUBLE -> {
                    double sum = 0;
                    for (int i = 0; i < size; i++) {
                        sum += ((DoubleColumn) group.block(i).column(column)).getDouble(group.row(i));
                    }
                    builder.appendDouble(sum);
                }
                case MIN, MAX -> {
                    int best = 0;
                    int direction = combines[column] == Combine.MIN ? 1 : -1;
                    for (int i = 1; i < size; i++) {
                        int order = comparators[column].compare(group.block(best).column(column), group.row(best),
                                group.block(i).column(column), group.row(i));
                        if (order * direction > 0) {
                            best = i;
                        }
                    }
                    builder.appendFrom(group.block(best).column(column), group.row(best));
                }
            }
        }
        output.finishRow();
    }

    private long combineLongs(RowGroup group, int column) {
        Combine combine = combines[column];
        long result = ((LongColumn) group.block(0).column(column)).getLong(group.row(0));
        for (int i = 1; i < group.size(); i++) {
            long value = ((LongColumn) group.block(i).column(column)).getLong(group.row(i));
            result = switch (combine) {
                case BIT_AND -> result & value;
                case BIT_OR -> result | value;
                case BIT_XOR -> result ^ value;
                default -> result + value;
            };
        }
        return result;
    }

    private void mergeStates(RowGroup group, int column, ColumnBuilder builder) {
        int size = group.size();
        if (stateColumns.length < size) {
            stateColumns = new Column[Math.max(size, stateColumns.length * 2)];
            stateRows = new int[stateColumns.length];
        }
        for (int i = 0; i < size; i++) {
            stateColumns[i] = group.block(i).column(column);
            stateRows[i] = group.row(i);
        }
        merger.merge((AggregateFunctionType) types[column], stateColumns, stateRows, size, builder);
        java.util.Arrays.fill(stateColumns, 0, size, null);
    }
}
