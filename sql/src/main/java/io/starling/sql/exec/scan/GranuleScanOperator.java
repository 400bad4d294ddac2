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
    /** The PREWHERE predicate compiled to a selection-vector loop, or null when its shape is not supported. */
    private final FastPredicate fast;
    private final int[] prewhereColumns;
    /** Task columns read after PREWHERE matched (the output columns PREWHERE did not read). */
    private final int[] otherColumns;
    /** Task columns in the output block, in order (null: every task column). */
    private final int[] outputColumns;
    private final GranuleReader[] readers;
    private int[] positions = new int[8192];
    private boolean done;

    /** {@code prewhere} (or null) is bound over the task's columns; {@code ownsTask}: close the task on close. */
    public GranuleScanOperator(ExecutionContext context, ScanTask task, BoundExpression prewhere, boolean ownsTask) {
        this(context, task, prewhere, ownsTask, null);
    }

    /**
     * As above, returning only the task columns {@code outputColumns} (in that order; null: all of them): a column
     * only PREWHERE needs is then neither copied for the matching rows nor, in granules where every row
     * matches, read at all.
     */
    public GranuleScanOperator(ExecutionContext context, ScanTask task, BoundExpression prewhere, boolean ownsTask,
                               int[] outputColumns) {
        super(context);
        this.outputColumns = outputColumns;
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
            List<io.starling.storage.type.DataType> types = new ArrayList<>();
            for (int c : prewhereColumns) {
                types.add(task.columns().get(c).type());
            }
            this.fast = FastPredicate.compile(this.prewhere, types);
            int[] outputs = outputColumns == null ? java.util.stream.IntStream.range(0, columnCount).toArray() : outputColumns;
            otherColumns = Arrays.stream(outputs).filter(c -> !used.get(c)).distinct().toArray();
        } else {
            this.prewhere = null;
            this.fast = null;
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
                return outputColumns == null ? reader.read(granule) : whole(reader, granule, task.part(unit).granuleRows(granule));
            }
            if (task.exact(unit)) {
                return whole(reader, granule, task.part(unit).granuleRows(granule));
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
        int count = fast == null || predicateColumns.isEmpty() ? -1 : fast.select(predicateColumns, rows, ensure(rows));
        if (count < 0) {
            count = evaluate(predicateColumns, rows);
        }
        if (count == 0) {
            return null;
        }
        for (int c : otherColumns) {
            all[c] = reader.read(c, granule);
        }
        Block block = new Block(output(all), rows);
        return count == rows ? block : block.select(positions, count);
    }

    /** The general path: evaluates PREWHERE as an expression, leaving the matching rows in {@link #positions}. */
    private int evaluate(List<Column> predicateColumns, int rows) {
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
        return count;
    }

    /** Every row of the granule, output columns only (the filter is known to hold on each row, or there is none). */
    private Block whole(GranuleReader reader, int granule, int granuleRows) {
        Column[] all = new Column[task.columns().size()];
        int[] outputs = outputColumns;
        if (outputs == null) {
            for (int c = 0; c < all.length; c++) {
                all[c] = reader.read(c, granule);
            }
        } else {
            for (int c : outputs) {
                if (all[c] == null) {
                    all[c] = reader.read(c, granule);
                }
            }
        }
        reader.countRows(granule);
        return new Block(output(all), granuleRows);
    }

    private List<Column> output(Column[] all) {
        if (outputColumns == null) {
            return Arrays.asList(all);
        }
        List<Column> columns = new ArrayList<>(outputColumns.length);
        for (int c : outputColumns) {
            columns.add(all[c]);
        }
        return columns;
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
