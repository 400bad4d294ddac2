package io.starling.storage.index;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.type.DataType;

/**
 * Computes skip-index expressions that are not plain columns (e.g. {@code lower(payload)}), supplied by the SQL
 * module like {@link io.starling.storage.engine.KeyEvaluator}. A {@code KeyEvaluator} that also implements this
 * interface is used for the table's indexes. Stateless and thread-safe.
 */
public interface IndexExpressionEvaluator {
    /** The expression's result type over the table's columns, or null when it cannot be computed. */
    DataType type(String expression);

    /** The expression's values for every row of {@code block} (in the table's column order). */
    Column evaluate(String expression, Block block);
}
