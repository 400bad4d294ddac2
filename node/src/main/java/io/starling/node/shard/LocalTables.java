package io.starling.node.shard;

import io.starling.storage.engine.MergeTreeTable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables whose replica lives on this node and is open, by table id. The query path scans these
 * directly; distributed query fragments (a leaf plan sent to the replica's node) come later.
 * Thread-safe. Tables outlive the ShardReplica entity incarnation that opened them (passivation does not
 * close a table); they are closed when the node stops or the table is dropped.
 */
public final class LocalTables implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTables.class);

    private final Map<String, MergeTreeTable> tables = new ConcurrentHashMap<>();

    public Optional<MergeTreeTable> get(String tableId) {
        return Optional.ofNullable(tables.get(tableId));
    }

    /** The open table, opening it with {@code opener} (blocking IO) when it is not open yet. */
    public MergeTreeTable openIfAbsent(String tableId, Supplier<MergeTreeTable> opener) {
        return tables.computeIfAbsent(tableId, id -> opener.get());
    }

    /** Unregisters and closes the table; answers whether it was open. */
    public boolean close(String tableId) {
        MergeTreeTable table = tables.remove(tableId);
        if (table == null) {
            return false;
        }
        table.close();
        return true;
    }

    public int size() {
        return tables.size();
    }

    @Override
    public void close() {
        for (String tableId : tables.keySet()) {
            try {
                close(tableId);
            } catch (RuntimeException e) {
                LOG.warn("Closing table [{}] failed: {}", tableId, e.toString());
            }
        }
    }
}
