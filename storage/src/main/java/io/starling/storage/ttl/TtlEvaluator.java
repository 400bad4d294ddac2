package io.starling.storage.ttl;

import io.starling.storage.block.Block;
import java.util.List;

/**
 * Computes a table's row TTL ({@code ENGINE_TTL}, e.g. {@code timestamp + INTERVAL 30 DAY}): when each row
 * expires. The SQL module implements it for any expression; {@link ColumnTtlEvaluator} handles a column plus a
 * fixed interval. Stateless and thread-safe.
 */
public interface TtlEvaluator {
    /** Never expires. */
    long NEVER = Long.MAX_VALUE;

    /** The table columns the expression reads, in the order {@link #expiresAt} receives them. */
    List<String> columns();

    /**
     * Per row, the epoch second at which it expires ({@link #NEVER} for none): a row is expired once the clock
     * reaches that second. {@code block} holds exactly {@link #columns()}, in that order.
     */
    long[] expiresAt(Block block);
}
