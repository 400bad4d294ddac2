package io.starling.sql.parser.ast;

/**
 * An expression as written. Operators are parsed into {@link FunctionCall}s with ClickHouse's function names
 * ({@code a + b} is {@code plus(a, b)}), so {@link ExpressionFormatter} prints the column names ClickHouse prints.
 */
public sealed interface Expression
        permits Literal, Identifier, Asterisk, FunctionCall, Lambda, SubqueryExpression, Alias {

    /** The expression as ClickHouse names a result column computed by it. */
    default String columnName() {
        return ExpressionFormatter.format(this);
    }
}
