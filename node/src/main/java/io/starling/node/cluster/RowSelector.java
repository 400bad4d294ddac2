package io.starling.node.cluster;

import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * Evaluates a SQL condition over rows (in-memory blocks, or the parts of a held snapshot), for replace_condition
 * and delete_condition on replicated tables; the node's {@code TableRewriter} implements it with the SQL engine.
 */
@FunctionalInterface
public interface RowSelector {
    /** The rows of {@code rowsOrParts} (Blocks or DataParts, table column order) matching {@code where}. */
    List<Block> rowsWhere(List<ColumnDefinition> columns, List<?> rowsOrParts, String where);
}
