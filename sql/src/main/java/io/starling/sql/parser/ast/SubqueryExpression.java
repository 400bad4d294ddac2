package io.starling.sql.parser.ast;

/** A parenthesised query used as a value: {@code x IN (SELECT ...)} or a scalar subquery. */
public record SubqueryExpression(QueryNode query) implements Expression {
}
