package io.starling.node.bridge;

import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;

/**
 * Every call this module makes into the storage and SQL engines' construction APIs, in one place, so the
 * node keeps compiling while those modules land. Methods marked TEMPORARY use a stand-in from this package.
 */
public final class EngineContracts {
    private EngineContracts() {
    }

    public static byte[] serialize(Block block) {
        return BlockSerde.serialize(block);
    }

    public static Block deserialize(byte[] bytes) {
        return BlockSerde.deserialize(bytes);
    }

    /** TEMPORARY until io.starling.sql.catalog.SqlKeyEvaluator.forTable(definition) lands. */
    public static KeyEvaluator keyEvaluator(TableDefinition definition) {
        return new TemporaryColumnKeyEvaluator(definition);
    }

    /** TEMPORARY until io.starling.sql.catalog.MergeTreeTableSource(name, table) lands. */
    public static TableSource tableSource(String name, MergeTreeTable table) {
        return new TemporaryTableSource(name, table);
    }
}
