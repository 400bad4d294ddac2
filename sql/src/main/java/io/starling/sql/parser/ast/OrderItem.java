package io.starling.sql.parser.ast;

/**
 * One ORDER BY key.
 *
 * @param nullsFirst null when not given; ClickHouse then puts NULLs last in both directions
 * @param fill       the {@code WITH FILL} modifier, or null
 */
public record OrderItem(Expression expression, boolean descending, Boolean nullsFirst, Fill fill) {

    public OrderItem(Expression expression, boolean descending, Boolean nullsFirst) {
        this(expression, descending, nullsFirst, null);
    }

    /**
     * {@code WITH FILL [FROM from] [TO to] [STEP step]}; absent parts are null. {@code step} may be an
     * INTERVAL ({@code toInterval*} call) for dates.
     */
    public record Fill(Expression from, Expression to, Expression step) {
    }
}
