package io.starling.node.bridge;

import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;

/** Every call this module makes into the storage and SQL engines' construction APIs, in one place. */
public final class EngineContracts {
    private EngineContracts() {
    }

    public static byte[] serialize(Block block) {
        return BlockSerde.serialize(block);
    }

    public static Block deserialize(byte[] bytes) {
        return BlockSerde.deserialize(bytes);
    }

    /** Partition and sorting keys as ClickHouse expressions (toYYYYMM(ts), ...). */
    public static KeyEvaluator keyEvaluator(TableDefinition definition) {
        return SqlKeyEvaluator.forTable(definition);
    }

    /**
     * What a table of {@code definition} needs from the SQL engine: the row TTL compiled from {@code ttl} (blank:
     * none; fails with BAD_ARGUMENTS naming the expression) and the AggregateFunction state merger.
     */
    public static io.starling.storage.engine.EngineServices engineServices(TableDefinition definition, String ttl) {
        return engineServices(definition, ttl, java.util.Map.of());
    }

    /**
     * As {@link #engineServices(TableDefinition, String)}, with the columns' DEFAULT expressions ({@code defaults}:
     * column name to expression) that parts written before a column was added read for it.
     */
    public static io.starling.storage.engine.EngineServices engineServices(TableDefinition definition, String ttl,
                                                                           java.util.Map<String, String> defaults) {
        io.starling.storage.engine.EngineServices services = io.starling.storage.engine.EngineServices.DEFAULT
                .withAggregates(io.starling.sql.catalog.SqlAggregateStateMerger.INSTANCE)
                .withMissingColumns(io.starling.sql.catalog.SqlMissingColumns.forTable(definition, defaults));
        var evaluator = io.starling.sql.catalog.SqlTtlEvaluator.forTable(definition, ttl);
        return evaluator == null ? services : services.withTtl(evaluator);
    }

    public static TableSource tableSource(String name, MergeTreeTable table) {
        return new MergeTreeTableSource(name, table);
    }
}
