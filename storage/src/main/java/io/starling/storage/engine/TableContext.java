package io.starling.storage.engine;

import io.starling.storage.merge.MergeRule;
import io.starling.storage.merge.MergeRules;
import io.starling.storage.part.PartSchema;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** What the parts of a {@link MergeTreeTable} (merges, mutations, commits) share. */
record TableContext(Path directory, TableDefinition definition, EngineSpec engine, PartSchema schema,
                    EngineServices services, TableSettings settings, PartSet parts, PartBuilder builder,
                    SwapCommitter committer, AtomicLong lastBlockNumber) {

    /** A fresh rule for one merge (rules keep scratch buffers), or null when the engine keeps every row. */
    MergeRule newRule() {
        return MergeRules.forTable(definition, engine, services.aggregates());
    }

    long now() {
        return services.clockSeconds().getAsLong();
    }
}
