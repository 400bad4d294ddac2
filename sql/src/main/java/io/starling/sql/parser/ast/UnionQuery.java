package io.starling.sql.parser.ast;

import java.util.List;

/**
 * A set operation over several queries.
 *
 * @param parts    the queries, in order
 * @param operator {@link #UNION_ALL} (rows of every part in turn), {@link #UNION_DISTINCT}, {@link #UNION}
 *                 (bare UNION, resolved by the setting union_default_mode), or one of the binary operators
 *                 {@code INTERSECT [ALL|DISTINCT]} and {@code EXCEPT [ALL|DISTINCT]} (exactly two parts; the
 *                 words without ALL or DISTINCT are resolved by intersect_default_mode / except_default_mode)
 */
public record UnionQuery(List<QueryNode> parts, String operator) implements QueryNode {
    public static final String UNION_ALL = "UNION ALL";
    public static final String UNION_DISTINCT = "UNION DISTINCT";
    public static final String UNION = "UNION";

    public UnionQuery {
        parts = List.copyOf(parts);
    }

    /** {@code q1 UNION ALL q2 ...}. */
    public UnionQuery(List<QueryNode> parts) {
        this(parts, UNION_ALL);
    }
}
