package io.starling.sql.exec.join;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.aggregate.BytesHashTable;
import io.starling.sql.exec.aggregate.KeySerializer;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Hash join: reads the whole right side into memory and indexes it by key, then streams the left side,
 * emitting matched pairs (and, for LEFT/FULL, unmatched left rows); RIGHT/FULL emit the unmatched right rows
 * at the end. A residual condition is checked on candidate pairs before they count as matches. Rows with a
 * NULL key never match. Non-matched sides are filled with type defaults (NULL for Nullable columns).
 */
public final class HashJoinOperator extends Operator {
    private final Operator left;
    private final Operator right;
    private final PlanNode.Join node;
    private final int leftWidth;
    private final boolean keepLeft;
    private final boolean keepRight;
    private final boolean any;
    private final boolean semi;
    private final boolean anti;
    private RightTable table;
    private BitSet rightMatched;
    private boolean leftDone;
    private boolean rightEmitted;
    /** The build side (rows and hash index) and the pairs of the block being probed. */
    private io.starling.sql.exec.QueryMemory.Reservation buildMemory;
    private io.starling.sql.exec.QueryMemory.Reservation probeMemory;

    public HashJoinOperator(ExecutionContext context, Operator left, Operator right, PlanNode.Join node) {
        super(context);
        this.left = left;
        this.right = right;
        this.node = node;
        this.leftWidth = node.left().output().size();
        String kind = node.kind();
        this.semi = node.strictness().equals("SEMI");
        this.anti = node.strictness().equals("ANTI");
        this.any = node.strictness().equals("ANY");
        this.keepLeft = (kind.equals("LEFT") || kind.equals("FULL")) && !semi && !anti;
        this.keepRight = kind.equals("RIGHT") || kind.equals("FULL");
    }

    /** The right side, concatenated, with its rows grouped by key. */
    private record RightTable(Block rows, BytesHashTable keys, int[] first, int[] next) {
    }

    @Override
    protected Block produce() {
        if (table == null) {
            table = build();
            rightMatched = new BitSet(table.rows().rowCount());
        }
        if (!leftDone) {
            Block block = left.next();
            if (block != null) {
                return probe(block);
            }
            leftDone = true;
        }
        if (keepRight && !rightEmitted) {
            rightEmitted = true;
            return unmatchedRight();
        }
        return null;
    }

    private RightTable build() {
        buildMemory = context().memory().reservation("HashJoin (build side)");
        probeMemory = context().memory().reservation("HashJoin");
        List<Block> blocks = new ArrayList<>();
        Block block;
        while ((block = right.next()) != null) {
            blocks.add(block);
            buildMemory.grow(block.sizeInBytes());
        }
        List<ColumnDefinition> columns = node.right().output();
        Block rows = concat(blocks, columns);
        if (blocks.size() > 1) {
            buildMemory.grow(rows.sizeInBytes());
        }
        buildMemory.grow(8L * rows.rowCount());
        BytesHashTable keys = new BytesHashTable();
        int count = rows.rowCount();
        int[] next = new int[count];
        int[] first = new int[Math.max(16, count)];
        Arrays.fill(first, -1);
        Column[] keyColumns = keys(node.rightKeys(), rows);
        KeySerializer serializer = new KeySerializer();
        for (int row = count - 1; row >= 0; row--) {
            if (hasNullKey(keyColumns, row)) {
                next[row] = -2;
                continue;
            }
            serializer.serialize(keyColumns, row);
            int id = keys.idOf(serializer.buffer(), serializer.length());
            if (id >= first.length) {
                int old = first.length;
                first = Arrays.copyOf(first, Math.max(id + 1, old * 2));
                Arrays.fill(first, old, first.length, -1);
            }
            next[row] = first[id];
            first[id] = row;
        }
        // the concatenated rows stay; the per-block buffers become garbage
        buildMemory.resizeTo(rows.sizeInBytes() + 4L * (next.length + first.length) + keys.memoryBytes());
        return new RightTable(rows, keys, first, next);
    }

    private static Block concat(List<Block> blocks, List<ColumnDefinition> columns) {
        int total = blocks.stream().mapToInt(Block::rowCount).sum();
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            ColumnBuilder builder = ColumnBuilder.forType(columns.get(c).type(), total);
            for (Block block : blocks) {
                Column column = block.column(c);
                for (int row = 0; row < block.rowCount(); row++) {
                    builder.appendFrom(column, row);
                }
            }
            out.add(builder.build());
        }
        return new Block(out, total);
    }

    private static Column[] keys(List<BoundExpression> expressions, Block block) {
        Column[] keys = new Column[expressions.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ExpressionEvaluator.column(expressions.get(k), block);
        }
        return keys;
    }

    private static boolean hasNullKey(Column[] keys, int row) {
        for (Column key : keys) {
            if (key.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    private Block probe(Block block) {
        Column[] keyColumns = keys(node.leftKeys(), block);
        KeySerializer serializer = new KeySerializer();
        Pairs candidates = new Pairs();
        boolean cross = node.kind().equals("CROSS");
        // rows sorted by the join key (a sorting-key prefix) repeat it: the last key's lookup is reused
        byte[] previous = new byte[64];
        int previousLength = -1;
        int previousId = -1;
        for (int row = 0; row < block.rowCount(); row++) {
            if (cross) {
                for (int r = 0; r < table.rows().rowCount(); r++) {
                    candidates.add(row, r);
                }
                probeMemory.resizeTo(8L * candidates.count);
                continue;
            }
            if (hasNullKey(keyColumns, row)) {
                continue;
            }
            serializer.serialize(keyColumns, row);
            byte[] key = serializer.buffer();
            int length = serializer.length();
            int id;
            if (length == previousLength && java.util.Arrays.equals(key, 0, length, previous, 0, length)) {
                id = previousId;
            } else {
                id = table.keys().find(key, length);
                if (previous.length < length) {
                    previous = new byte[Math.max(length, previous.length * 2)];
                }
                System.arraycopy(key, 0, previous, 0, length);
                previousLength = length;
                previousId = id;
            }
            for (int r = id < 0 ? -1 : table.first()[id]; r >= 0; r = table.next()[r]) {
                candidates.add(row, r);
            }
        }
        Pairs matches = node.residual() == null ? candidates : checkResidual(block, candidates);
        Pairs out = new Pairs();
        boolean[] leftMatched = new boolean[block.rowCount()];
        for (int i = 0; i < matches.count; i++) {
            int l = matches.left[i];
            int r = matches.right[i];
            boolean firstForLeft = !leftMatched[l];
            leftMatched[l] = true;
            rightMatched.set(r);
            if (semi || anti || any) {
                if (firstForLeft && !anti) {
                    out.add(l, r);
                }
            } else {
                out.add(l, r);
            }
        }
        if (keepLeft || anti) {
            out = withUnmatchedLeft(out, leftMatched);
        }
        probeMemory.resizeTo(8L * (candidates.count + out.count));
        Block joined = assemble(block, out);
        probeMemory.resizeTo(8L * (candidates.count + out.count) + joined.sizeInBytes());
        return joined;
    }

    /** Adds the left rows without a match (right side -1), keeping left order. */
    private static Pairs withUnmatchedLeft(Pairs matched, boolean[] leftMatched) {
        Pairs out = new Pairs();
        int next = 0;
        for (int l = 0; l < leftMatched.length; l++) {
            if (!leftMatched[l]) {
                out.add(l, -1);
                continue;
            }
            while (next < matched.count && matched.left[next] == l) {
                out.add(l, matched.right[next++]);
            }
        }
        return out;
    }

    private Pairs checkResidual(Block block, Pairs candidates) {
        Block pairs = assemble(block, candidates);
        Column condition = ExpressionEvaluator.column(node.residual(), pairs);
        Pairs kept = new Pairs();
        for (int i = 0; i < candidates.count; i++) {
            if (isTrue(condition, i)) {
                kept.add(candidates.left[i], candidates.right[i]);
            }
        }
        return kept;
    }

    private static boolean isTrue(Column column, int row) {
        if (column.isNull(row)) {
            return false;
        }
        Column plain = column instanceof NullableColumn nullable ? nullable.values() : column;
        return plain instanceof LongColumn longs ? longs.getLong(row) != 0
                : plain instanceof DoubleColumn doubles && doubles.getDouble(row) != 0;
    }

    /** Left columns then right columns for each pair; -1 on a side gives defaults. */
    private Block assemble(Block leftBlock, Pairs pairs) {
        List<Column> columns = new ArrayList<>(node.output().size());
        for (int c = 0; c < leftWidth; c++) {
            columns.add(pick(leftBlock.column(c), node.output().get(c), pairs.left, pairs.count));
        }
        Block rows = table.rows();
        for (int c = 0; c < rows.columnCount(); c++) {
            columns.add(pick(rows.column(c), node.output().get(leftWidth + c), pairs.right, pairs.count));
        }
        return new Block(columns, pairs.count);
    }

    private static Column pick(Column source, ColumnDefinition definition, int[] positions, int count) {
        boolean missing = false;
        for (int i = 0; i < count && !missing; i++) {
            missing = positions[i] < 0;
        }
        if (!missing) {
            return source.select(positions, count);
        }
        ColumnBuilder builder = ColumnBuilder.forType(definition.type(), count);
        for (int i = 0; i < count; i++) {
            if (positions[i] < 0) {
                builder.appendNull();
            } else {
                builder.appendFrom(source, positions[i]);
            }
        }
        return builder.build();
    }

    private Block unmatchedRight() {
        Block rows = table.rows();
        int[] positions = new int[rows.rowCount()];
        int count = 0;
        for (int r = 0; r < rows.rowCount(); r++) {
            if (!rightMatched.get(r)) {
                positions[count++] = r;
            }
        }
        List<Column> columns = new ArrayList<>(node.output().size());
        for (int c = 0; c < leftWidth; c++) {
            ColumnBuilder builder = ColumnBuilder.forType(node.output().get(c).type(), count);
            int using = indexOf(node.usingLeft(), c);
            for (int i = 0; i < count; i++) {
                if (using >= 0) {
                    builder.appendFrom(rows.column(node.usingRight()[using]), positions[i]);
                } else {
                    builder.appendNull();
                }
            }
            columns.add(builder.build());
        }
        for (int c = 0; c < rows.columnCount(); c++) {
            columns.add(rows.column(c).select(positions, count));
        }
        return new Block(columns, count);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (buildMemory != null) {
            buildMemory.close();
            probeMemory.close();
        }
        left.close();
        right.close();
    }

    /** A growable list of (left row, right row) pairs. */
    private static final class Pairs {
        int[] left = new int[64];
        int[] right = new int[64];
        int count;

        void add(int l, int r) {
            if (count == left.length) {
                left = Arrays.copyOf(left, count * 2);
                right = Arrays.copyOf(right, count * 2);
            }
            left[count] = l;
            right[count++] = r;
        }
    }
}
