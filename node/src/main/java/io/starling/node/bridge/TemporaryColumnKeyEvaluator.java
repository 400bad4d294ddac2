package io.starling.node.bridge;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TEMPORARY stand-in for the SQL module's key evaluator: sorting keys of plain column names, no partition
 * key. Replace with io.starling.sql.catalog.SqlKeyEvaluator.forTable once it exists.
 */
final class TemporaryColumnKeyEvaluator implements KeyEvaluator {
    private final int[] sortingColumns;

    TemporaryColumnKeyEvaluator(TableDefinition definition) {
        if (!definition.partitionKey().isBlank() && !definition.partitionKey().equals("tuple()")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Partition key [" + definition.partitionKey()
                    + "] needs the SQL key evaluator, which is not available yet; create the data source without one");
        }
        sortingColumns = new int[definition.sortingKey().size()];
        for (int i = 0; i < sortingColumns.length; i++) {
            String key = definition.sortingKey().get(i);
            int index = definition.columnIndex(key);
            if (index < 0) {
                throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Sorting key [" + key
                        + "] is not a plain column; expressions need the SQL key evaluator, which is not available yet");
            }
            sortingColumns[i] = index;
        }
    }

    @Override
    public String[] partitionIds(Block block) {
        String[] ids = new String[block.rowCount()];
        Arrays.fill(ids, "all");
        return ids;
    }

    @Override
    public List<Column> sortingKey(Block block) {
        List<Column> columns = new ArrayList<>(sortingColumns.length);
        for (int index : sortingColumns) {
            columns.add(block.column(index));
        }
        return columns;
    }
}
