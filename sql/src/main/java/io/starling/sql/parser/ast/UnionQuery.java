package io.starling.sql.parser.ast;

import java.util.List;

/** {@code q1 UNION ALL q2 ...}: rows of every part, in order. */
public record UnionQuery(List<QueryNode> parts) implements QueryNode {
    public UnionQuery {
        parts = List.copyOf(parts);
    }
}
