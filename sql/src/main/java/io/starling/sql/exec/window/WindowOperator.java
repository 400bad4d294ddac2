package io.starling.sql.exec.window;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.conversion.Cast;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Computes window functions: reads all input rows, orders them by (partition keys, order keys) per call, finds
 * each row's partition, peer group and frame, and appends one column per call. Output rows keep the input order.
 */
public final class WindowOperator extends Operator {
    private final Operator input;
    private final PlanNode.Window node;
    private Iterator<Block> output;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    public WindowOperator(ExecutionContext context, Operator input, PlanNode.Window node) {
        super(context);
        this.input = input;
        this.node = node;
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = compute().iterator();
        }
        return output.hasNext() ? output.next() : null;
    }

    private List<Block> compute() {
        List<Block> blocks = new ArrayList<>();
        memory = context().memory().reservation("Window");
        Block block;
        while ((block = input.next()) != null) {
            blocks.add(block);
            memory.grow(block.sizeInBytes());
        }
        List<ColumnDefinition> inputColumns = node.input().output();
        int rows = blocks.stream().mapToInt(Block::rowCount).sum();
        List<Column> columns = new ArrayList<>(Blocks.concat(blocks, inputColumns.stream().map(ColumnDefinition::type).toList()));
        Block all = new Block(columns, rows);
        if (blocks.size() > 1) {
            memory.grow(all.sizeInBytes());
        }
        for (PlanNode.WindowCall call : node.calls()) {
            memory.grow(8L * rows); // the call's row order
            Column computed = evaluate(call, all);
            columns.add(computed);
            memory.grow(computed.sizeInBytes());
            context().check();
        }
        return Blocks.split(columns, rows);
    }

    private static Column evaluate(PlanNode.WindowCall call, Block all) {
        int rows = all.rowCount();
        Column[] partition = columns(call.partition(), all);
        Column[] order = columns(call.order(), all);
        Column[] arguments = columns(call.arguments(), all);
        int[] sorted = WindowOrder.sort(partition, order, call.descending(), rows);
        WindowFrames frames = new WindowFrames(partition, order, sorted, call.rowsFrame(), call.frameStart(), call.frameEnd(),
                call.descending().length > 0 && call.descending()[0]);
        if (call.aggregate() != null) {
            return WindowAggregates.compute(call.aggregate(), arguments, frames, sorted, rows);
        }
        return switch (call.function()) {
            case "row_number", "rank", "dense_rank" -> ranking(call.function(), frames, sorted, rows, call);
            default -> value(call, arguments, frames, sorted, rows);
        };
    }

    private static Column[] columns(List<BoundExpression> expressions, Block block) {
        Column[] out = new Column[expressions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ExpressionEvaluator.column(expressions.get(i), block);
        }
        return out;
    }

    private static Column ranking(String function, WindowFrames frames, int[] sorted, int rows, PlanNode.WindowCall call) {
        long[] out = new long[rows];
        long number = 0;
        long rank = 0;
        long dense = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (frames.partitionStart(i) == i) {
                number = 0;
                dense = 0;
            }
            number++;
            if (frames.peerStart(i) == i) {
                rank = number;
                dense++;
            }
            out[sorted[i]] = switch (function) {
                case "row_number" -> number;
                case "rank" -> rank;
                default -> dense;
            };
        }
        return new LongColumn(call.type(), out);
    }

    /** lag/lead (whole partition), lagInFrame/leadInFrame, first_value, last_value, nth_value (within the frame). */
    private static Column value(PlanNode.WindowCall call, Column[] arguments, WindowFrames frames, int[] sorted, int rows) {
        Column values = arguments[0];
        long offset = arguments.length > 1 ? ((LongColumn) plain(arguments[1])).getLong(0) : 1;
        Column defaults = arguments.length > 2 ? Cast.cast(arguments[2], call.type()) : null;
        int[] source = new int[rows];
        for (int i = 0; i < sorted.length; i++) {
            int target = switch (call.function()) {
                case "lag" -> i - (int) offset;
                case "lead" -> i + (int) offset;
                case "lagInFrame" -> i - (int) offset;
                case "leadInFrame" -> i + (int) offset;
                case "first_value", "any" -> frames.frameStart(i);
                case "last_value", "anyLast" -> frames.frameEnd(i) - 1;
                default -> frames.frameStart(i) + (int) offset - 1;
            };
            boolean inside = call.function().equals("lag") || call.function().equals("lead")
                    ? target >= frames.partitionStart(i) && target < frames.partitionEnd(i)
                    : target >= frames.frameStart(i) && target < frames.frameEnd(i);
            source[sorted[i]] = inside ? sorted[target] : -1 - sorted[i];
        }
        ColumnBuilder builder = ColumnBuilder.forType(call.type(), rows);
        for (int row = 0; row < rows; row++) {
            if (source[row] >= 0) {
                builder.appendFrom(values, source[row]);
            } else if (defaults != null) {
                builder.appendFrom(defaults, -1 - source[row]);
            } else {
                builder.appendDefault();
            }
        }
        return builder.build();
    }

    private static Column plain(Column column) {
        return column instanceof io.starling.storage.column.NullableColumn nullable ? nullable.values() : column;
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        input.close();
    }
}
