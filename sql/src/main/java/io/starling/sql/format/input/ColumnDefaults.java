package io.starling.sql.format.input;

import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Completes a parsed block to the table's schema: the step between "rows an input supplied" and "rows an insert
 * writes". The input supplies the {@link #inputColumns()} (every column except MATERIALIZED and ALIAS ones); this
 * class then
 * <ul>
 *   <li>fills the rows an input left missing in a column whose DEFAULT is an expression over other columns
 *       ({@code DEFAULT JSONExtractString(__value, 'id')}, {@code DEFAULT a * 2}), and</li>
 *   <li>computes every MATERIALIZED and ALIAS column,</li>
 * </ul>
 * vectorised with the SQL expression compiler, in dependency order (an expression sees the completed values of the
 * columns it reads), each result cast to its column's type. Literal DEFAULTs ({@code 0}, {@code 'x'},
 * {@code now()}, {@code []}) are cheaper to append per row while parsing ({@link DefaultValues}) and are not
 * evaluated here.
 *
 * <p>{@link #of} compiles and checks every expression (unknown columns and functions, cycles, literals that do not
 * fit the type) and fails with a 4xx StarlingException naming the column: call it when a data source is defined.
 * Immutable and thread-safe; {@link #complete} may run on several threads at once.
 */
public final class ColumnDefaults {
    private final List<IngestColumn> columns;
    private final List<IngestColumn> input;
    /** Table position of each input column. */
    private final int[] inputPositions;
    /** Per input column: its DEFAULT is an expression, so the parser records which rows it left missing. */
    private final boolean[] tracksMissing;
    /** Expression steps in dependency order. */
    private final List<Step> steps;

    /** One computed column: its table position, input position (-1 when computed only) and compiled expression. */
    private record Step(int position, int inputIndex, BoundExpression expression) {
    }

    private ColumnDefaults(List<IngestColumn> columns, List<IngestColumn> input, int[] inputPositions,
                           boolean[] tracksMissing, List<Step> steps) {
        this.columns = columns;
        this.input = input;
        this.inputPositions = inputPositions;
        this.tracksMissing = tracksMissing;
        this.steps = steps;
    }

    /**
     * Compiles the defaults of a table's {@code columns} (in table order). Fails with the compiler's 4xx code
     * (47 UNKNOWN_IDENTIFIER, 46 UNKNOWN_FUNCTION, 62 SYNTAX_ERROR, ...) or 36 BAD_ARGUMENTS, naming the column.
     */
    public static ColumnDefaults of(List<IngestColumn> columns) {
        List<IngestColumn> all = List.copyOf(columns);
        List<ColumnDefinition> definitions = new ArrayList<>(all.size());
        for (IngestColumn column : all) {
            definitions.add(new ColumnDefinition(column.name(), column.type()));
        }
        List<IngestColumn> input = new ArrayList<>();
        int[] inputPositions = new int[all.size()];
        boolean[] tracks = new boolean[all.size()];
        BoundExpression[] expressions = new BoundExpression[all.size()];
        int[] inputIndexOf = new int[all.size()];
        Arrays.fill(inputIndexOf, -1);
        long now = System.currentTimeMillis() / 1000;
        for (int position = 0; position < all.size(); position++) {
            IngestColumn column = all.get(position);
            if (column.kind().fromInput()) {
                inputIndexOf[position] = input.size();
                inputPositions[input.size()] = position;
                input.add(column);
            }
            String expression = column.defaultExpression();
            if (expression == null || expression.isBlank()) {
                continue;
            }
            if (column.kind().fromInput() && DefaultValues.isLiteral(expression, column.type())) {
                checkLiteral(column, now);
                continue;
            }
            expressions[position] = compile(column, definitions);
            if (column.kind().fromInput()) {
                tracks[inputIndexOf[position]] = true;
            }
        }
        List<Step> steps = order(all, expressions, inputIndexOf);
        return new ColumnDefaults(all, List.copyOf(input), Arrays.copyOf(inputPositions, input.size()),
                Arrays.copyOf(tracks, input.size()), steps);
    }

    /** The columns an input supplies, in table order (MATERIALIZED and ALIAS columns left out). */
    public List<IngestColumn> inputColumns() {
        return input;
    }

    /** Every column of the table, in table order. */
    public List<IngestColumn> tableColumns() {
        return columns;
    }

    /** True when input column {@code inputIndex} has an expression DEFAULT: pass its missing rows to {@link #complete}. */
    public boolean tracksMissing(int inputIndex) {
        return tracksMissing[inputIndex];
    }

    /** False when {@link #complete} answers its input unchanged (no expression defaults, nothing computed). */
    public boolean completes() {
        return !steps.isEmpty();
    }

    /**
     * The table block for {@code parsed} (in {@link #inputColumns()} order): missing rows of expression-DEFAULT
     * columns filled, MATERIALIZED and ALIAS columns computed. {@code missing} is indexed like the input columns;
     * a null entry (or a null array) means no row is missing. Fails with the expression's error, naming the column.
     */
    public Block complete(Block parsed, BitSet[] missing) {
        if (parsed.columnCount() != input.size()) {
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "A parsed block has " + parsed.columnCount()
                    + " columns but the data source takes " + input.size() + " from its inputs");
        }
        if (steps.isEmpty()) {
            return parsed;
        }
        int rows = parsed.rowCount();
        Column[] values = new Column[columns.size()];
        for (int i = 0; i < input.size(); i++) {
            values[inputPositions[i]] = parsed.column(i);
        }
        for (int position = 0; position < values.length; position++) {
            if (values[position] == null) {
                values[position] = ColumnBuilder.defaults(columns.get(position).type(), rows);
            }
        }
        for (Step step : steps) {
            if (step.inputIndex() < 0) {
                values[step.position()] = evaluate(step, new Block(Arrays.asList(values), rows));
                continue;
            }
            BitSet rowsMissing = missing == null ? null : missing[step.inputIndex()];
            int count = rowsMissing == null ? 0 : rowsMissing.cardinality();
            if (count == 0) {
                continue;
            }
            Block all = new Block(Arrays.asList(values), rows);
            if (count == rows) {
                values[step.position()] = evaluate(step, all);
            } else {
                int[] positions = rowsMissing.stream().toArray();
                Column computed = evaluate(step, all.select(positions, count));
                values[step.position()] = merge(values[step.position()], computed, rowsMissing);
            }
        }
        return new Block(Arrays.asList(values), rows);
    }

    private Column evaluate(Step step, Block block) {
        try {
            return ExpressionEvaluator.column(step.expression(), block);
        } catch (StarlingException e) {
            IngestColumn column = columns.get(step.position());
            throw new StarlingException(e.errorCode(), "The " + column.kind() + " expression of column ["
                    + column.name() + "] failed on the ingested rows: " + e.getMessage(), e);
        }
    }

    /** {@code parsed} with the rows set in {@code missing} taken, in order, from {@code computed}. */
    private static Column merge(Column parsed, Column computed, BitSet missing) {
        int rows = parsed.size();
        ColumnBuilder builder = ColumnBuilder.forType(parsed.type(), rows);
        int next = 0;
        for (int row = 0; row < rows; row++) {
            if (missing.get(row)) {
                builder.appendFrom(computed, next++);
            } else {
                builder.appendFrom(parsed, row);
            }
        }
        return builder.build();
    }

    private static BoundExpression compile(IngestColumn column, List<ColumnDefinition> definitions) {
        String text = "CAST((" + column.defaultExpression() + "), '" + column.type().name().replace("\\", "\\\\")
                .replace("'", "\\'") + "')";
        BoundExpression bound;
        try {
            bound = StandaloneExpressions.compile(text, definitions);
        } catch (StarlingException e) {
            throw new StarlingException(e.errorCode().category() == ErrorCode.Category.USER ? e.errorCode()
                    : ErrorCode.BAD_ARGUMENTS, "The " + column.kind() + " expression [" + column.defaultExpression()
                    + "] of column [" + column.name() + "] is not valid: " + e.getMessage()
                    + ". Write an expression over the data source's other columns", e);
        } catch (RuntimeException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The " + column.kind() + " expression ["
                    + column.defaultExpression() + "] of column [" + column.name() + "] is not valid: " + e.getMessage(), e);
        }
        if (!bound.type().equals(column.type())) {
            throw new StarlingException(ErrorCode.TYPE_MISMATCH, "The " + column.kind() + " expression ["
                    + column.defaultExpression() + "] of column [" + column.name() + "] gives [" + bound.type().name()
                    + "], which cannot be stored as [" + column.type().name() + "]; convert it explicitly");
        }
        return bound;
    }

    private static void checkLiteral(IngestColumn column, long now) {
        String problem;
        try {
            DefaultValues.evaluate(column.defaultExpression(), column.type(), now);
            problem = DefaultValues.fits(column.defaultExpression(), column.type()) ? null : "it does not parse";
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The DEFAULT value [" + column.defaultExpression()
                    + "] of column [" + column.name() + "] is not a " + column.type().name() + " (" + problem
                    + "). Write a value of the column's type");
        }
    }

    /** The compiled expressions in an order where each runs after the computed columns it reads. */
    private static List<Step> order(List<IngestColumn> columns, BoundExpression[] expressions, int[] inputIndexOf) {
        int count = columns.size();
        List<Step> steps = new ArrayList<>();
        int[] state = new int[count]; // 0 unvisited, 1 on the path, 2 done
        for (int position = 0; position < count; position++) {
            visit(position, columns, expressions, inputIndexOf, state, steps, new ArrayList<>());
        }
        return List.copyOf(steps);
    }

    private static void visit(int position, List<IngestColumn> columns, BoundExpression[] expressions,
                              int[] inputIndexOf, int[] state, List<Step> steps, List<String> path) {
        if (expressions[position] == null || state[position] == 2) {
            return;
        }
        path.add(columns.get(position).name());
        if (state[position] == 1) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The expressions of columns " + path
                    + " depend on each other in a cycle; break the cycle so each column can be computed from the others");
        }
        state[position] = 1;
        BitSet reads = new BitSet();
        references(expressions[position], reads);
        for (int read = reads.nextSetBit(0); read >= 0; read = reads.nextSetBit(read + 1)) {
            visit(read, columns, expressions, inputIndexOf, state, steps, path);
        }
        state[position] = 2;
        path.removeLast();
        steps.add(new Step(position, inputIndexOf[position], expressions[position]));
    }

    private static void references(BoundExpression expression, BitSet reads) {
        switch (expression) {
            case BoundExpression.InputColumn column -> reads.set(column.index());
            case BoundExpression.Constant ignored -> {
            }
            case BoundExpression.Call call -> call.arguments().forEach(argument -> references(argument, reads));
        }
    }
}
