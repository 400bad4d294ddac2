package io.starling.sql.parser.ast;

import java.util.List;

/** {@code LIMIT n [OFFSET m] BY expressions} or {@code LIMIT m, n BY expressions}: per distinct key, skip m, keep n. */
public record LimitByClause(long limit, long offset, List<Expression> by) {
    public LimitByClause {
        by = List.copyOf(by);
    }
}
