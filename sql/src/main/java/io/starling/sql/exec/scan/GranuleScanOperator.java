package io.starling.sql.exec.scan;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Operand;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.sql.optimizer.Expressions;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.part.GranuleReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One worker of a {@link ScanTask}: reads the granules it claims, one block per granule. With a PREWHERE
 * predicate it reads the predicate's columns first and the other columns only for granules with matching rows,
 * and returns only those rows (the Filter above it is folded in). Not thread-safe; one per worker thread.
 */
public final class GranuleScanOperator extends Operator {
    private final ScanTask task;
    private final boolean ownsTask;
    private final BoundExpression prewhere;
    private final int[] prewhereColumns;
    private final int[] otherColumns;
    private final GranuleReader[] readers;
    private int[] positions = new int[8192];
    private boolean done;

    /** {@code prewhere} (or null) is bound over the task's columns; {@code ownsTask}: close the task on close. */
    public GranuleScanOperator(ExecutionContext context, ScanTask task, BoundExpression prewhere, boolean ownsTask) {
        super(context);
        this.task = task;
        this.ownsTask = ownsTask;
        this.readers = new GranuleReader[task.partCount()];
        int columnCount = task.columns().size();
        if (prewhere != null) {
            BitSet used = new BitSet();
            Expressions.collectInputs(prewhere, used);
            int[] mapping = new int[columnCount];
            prewhereColumns = used.stream().toArray();
            for (int i = 0; i < prewhereColumns.length; i++) {
                mapping[prewhereColumns[i]] = i;
            }
            this.prewhere = Expressions.remap(prewhere, mapping);
            otherColumns = java.util.stream.IntStream.range(0, columnCount).filter(c -> !used.get(c)).toArray();
        } else {
            this.prewhere = null;
            prewhereColumns = new int[0];
            otherColumns = null;
        }
    }

    @Override
    protected Block produce() {
        while (!done) {
            int unit = task.claim();
            if (unit < 0) {
                done = true;
                closeReaders();
                return null;
            }
            int partIndex = task.partIndex(unit);
            GranuleReader reader = readers[partIndex];
            if (reader == null) {
                reader = task.part(unit).granuleReader(task.columns(), context().statistics());
                readers[partIndex] = reader;
            }
            int granule = task.granule(unit);
            if (prewhere == null) {
                return reader.read(granule);
            }
            Block block = filtered(reader, granule, task.part(unit).granuleRows(granule));
            if (block != null) {
                return block;
            }
            context().check();
        }
        return null;
    }

    /** {@code granuleRows} is the granule's row count, which a predicate reading no column (WHERE 1) cannot give. */
    private Block filtered(GranuleReader reader, int granule, int granuleRows) {
        Column[] all = new Column[task.columns().size()];
        List<Column> predicateColumns = new ArrayList<>(prewhereColumns.length);
        for (int c : prewhereColumns) {
            all[c] = reader.read(c, granule);
            predicateColumns.add(all[c]);
        }
        reader.countRows(granule);
        int rows = predicateColumns.isEmpty() ? granuleRows : predicateColumns.get(0).size();
        Block predicateBlock = new Block(predicateColumns, rows);
        Operand result = ExpressionEvaluator.evaluate(prewhere, predicateBlock);
        int count;
        if (result.constant()) {
            count = LogicalFunctions.truth(result.column(), 0) ? rows : 0;
            if (count == rows) {
                for (int i = 0; i < rows; i++) {
                    ensure(rows)[i] = i;
                }
            }
        } else {
            count = selection(result.column(), rows, ensure(rows));
        }
        if (count == 0) {
            return null;
        }
        for (int c : otherColumns) {
            all[c] = reader.read(c, granule);
        }
        Block block = new Block(Arrays.asList(all), rows);
        return count == rows ? block : block.select(positions, count);
    }

    private int[] ensure(int rows) {
        if (positions.length < rows) {
            positions = new int[rows];
        }
        return positions;
    }

    private static int selection(Column column, int rows, int[] positions) {
        int count = 0;
        if (column instanceof LongColumn longs) {
            long[] values = longs.rawValues();
            int offset = longs.rawOffset();
            for (int i = 0; i < rows; i++) {
                positions[count] = i;
                count += values[offset + i] != 0 ? 1 : 0;
            }
            return count;
        }
        for (int i = 0; i < rows; i++) {
            if (LogicalFunctions.truth(column, i)) {
                positions[count++] = i;
            }
        }
        return count;
    }

    private void closeReaders() {
        for (int i = 0; i < readers.length; i++) {
            if (readers[i] != null) {
                readers[i].close();
                readers[i] = null;
            }
        }
    }

    @Override
    public void close() {
        done = true;
        closeReaders();
        if (ownsTask) {
            task.close();
        }
    }
}
