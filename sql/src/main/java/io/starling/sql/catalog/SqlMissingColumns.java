package io.starling.sql.catalog;

import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.optimizer.Expressions;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.part.MissingColumns;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DEFAULT expressions of a table's columns, compiled for the parts written before a column was added: such a
 * part reads the expression over its row's other columns ({@code DEFAULT toDate(timestamp)}, {@code DEFAULT 'n/a'}),
 * as ClickHouse does, instead of the type's default. An expression that no longer compiles (its table was altered
 * around it) reads the type's default rather than keeping the table from opening. Immutable and thread-safe.
 */
public final class SqlMissingColumns implements MissingColumns {
    private static final System.Logger LOG = System.getLogger(SqlMissingColumns.class.getName());

    private final Map<String, Filler> fillers;

    private SqlMissingColumns(Map<String, Filler> fillers) {
        this.fillers = Map.copyOf(fillers);
    }

    /**
     * The fillers of {@code definition}'s columns from {@code defaults} (column name to its DEFAULT, MATERIALIZED or
     * ALIAS expression); {@link MissingColumns#TYPE_DEFAULTS} when there is none.
     */
    public static MissingColumns forTable(TableDefinition definition, Map<String, String> defaults) {
        Map<String, Filler> fillers = new HashMap<>();
        for (ColumnDefinition column : definition.columns()) {
            String expression = defaults.get(column.name());
            if (expression == null || expression.isBlank()) {
                continue;
            }
            try {
                fillers.put(column.name(), compile(column, expression, definition.columns()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "The DEFAULT [" + expression + "] of column [" + column.name()
                        + "] does not compile; parts without the column read its type's default: " + e.getMessage());
            }
        }
        return fillers.isEmpty() ? MissingColumns.TYPE_DEFAULTS : new SqlMissingColumns(fillers);
    }

    @Override
    public Filler filler(String column) {
        return fillers.get(column);
    }

    private static Filler compile(ColumnDefinition column, String expression, List<ColumnDefinition> columns) {
        String text = "CAST((" + expression + "), '" + column.type().name().replace("\\", "\\\\").replace("'", "\\'")
                + "')";
        BoundExpression bound = StandaloneExpressions.compile(text, columns);
        BitSet used = new BitSet();
        Expressions.collectInputs(bound, used);
        int[] mapping = new int[columns.size()];
        List<ColumnDefinition> inputs = new ArrayList<>();
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            mapping[i] = inputs.size();
            inputs.add(columns.get(i));
        }
        BoundExpression remapped = Expressions.remap(bound, mapping);
        List<ColumnDefinition> inputList = List.copyOf(inputs);
        return new Filler() {
            @Override
            public List<ColumnDefinition> inputs() {
                return inputList;
            }

            @Override
            public Column values(Block block) {
                return ExpressionEvaluator.column(remapped, block);
            }
        };
    }
}
