package io.starling.sql.parser.ast;

/** {@code LIMIT n [OFFSET m]} or {@code LIMIT m, n}; offset is 0 when absent. */
public record LimitClause(long limit, long offset) {
}
