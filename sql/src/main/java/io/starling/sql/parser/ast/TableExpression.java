package io.starling.sql.parser.ast;

import java.util.List;

/** What FROM reads. {@code alias} is null when none is given. */
public sealed interface TableExpression {
    String alias();

    /** {@code [database.]name [FINAL]}. */
    record TableName(String database, String name, String alias, boolean isFinal) implements TableExpression {
        public TableName(String database, String name, String alias) {
            this(database, name, alias, false);
        }

        /** This table read with FINAL. */
        public TableName asFinal() {
            return new TableName(database, name, alias, true);
        }
    }

    /** {@code numbers(10)} and other table functions. */
    record TableFunction(String name, List<Expression> arguments, String alias) implements TableExpression {
        public TableFunction {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code (SELECT ...)}. */
    record Subquery(QueryNode query, String alias) implements TableExpression {
    }

    /**
     * {@code left [strictness] kind JOIN right ON on | USING (using)}.
     *
     * @param kind       INNER, LEFT, RIGHT, FULL or CROSS
     * @param strictness ALL (the default), ANY, SEMI or ANTI
     * @param on         the ON condition, or null
     * @param using      the USING columns, empty when absent
     */
    record Join(TableExpression left, TableExpression right, String kind, String strictness, Expression on,
                List<String> using) implements TableExpression {
        public Join {
            using = List.copyOf(using);
        }

        @Override
        public String alias() {
            return null;
        }
    }

    /** {@code input [LEFT] ARRAY JOIN a [AS x], ...}: one row per array element; {@code arrays} may be Aliases. */
    record ArrayJoin(TableExpression input, boolean left, List<Expression> arrays) implements TableExpression {
        public ArrayJoin {
            arrays = List.copyOf(arrays);
        }

        @Override
        public String alias() {
            return null;
        }
    }
}
