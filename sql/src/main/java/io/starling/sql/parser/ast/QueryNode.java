package io.starling.sql.parser.ast;

/** A query: one SELECT or a UNION ALL of several. */
public sealed interface QueryNode permits SelectQuery, UnionQuery {
}
