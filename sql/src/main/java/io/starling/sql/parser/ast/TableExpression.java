package io.starling.sql.parser.ast;

import java.util.List;

/** What FROM reads. {@code alias} is null when none is given. */
public sealed interface TableExpression {
    String alias();

    /** {@code [database.]name}. */
    record TableName(String database, String name, String alias) implements TableExpression {
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
}
