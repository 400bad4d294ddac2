package io.starling.node.shard;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.storage.block.Block;
import io.starling.storage.engine.InsertResult;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The disk work of a shard replica: it owns {@code <tablesRoot>/<tableId>/} through a {@link MergeTreeTable}.
 * Every method blocks on disk IO: call it on the blocking-IO dispatcher. Thread-safe (the table is).
 */
public final class ReplicaStore {
    private static final Pattern TABLE_ID = Pattern.compile("[A-Za-z0-9_]+");

    private final Path tablesRoot;
    private final LocalTables registry;
    /** Per table, the spec of the highest schema version handed to {@link #open}: what the table is opened with. */
    private final Map<String, TableSpec> newestSpecs = new ConcurrentHashMap<>();
    /** The schema version each open table instance was opened with (weak: closed instances go). */
    private final Map<MergeTreeTable, Long> versions = Collections.synchronizedMap(new WeakHashMap<>());

    public ReplicaStore(Path tablesRoot, LocalTables registry) {
        this.tablesRoot = tablesRoot;
        this.registry = registry;
        removeDroppedLeftovers();
    }

    /** A crash between moving a dropped table aside and deleting it leaves a {@code .dropped-*} directory. */
    private void removeDroppedLeftovers() {
        if (!Files.isDirectory(tablesRoot)) {
            return;
        }
        try (Stream<Path> entries = Files.list(tablesRoot)) {
            for (Path leftover : entries.filter(path -> path.getFileName().toString().startsWith(".dropped-")).toList()) {
                try (Stream<Path> paths = Files.walk(leftover)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove dropped tables under [" + tablesRoot + "]", e);
        }
    }

    /** Where table {@code tableId} lives (it may not exist). */
    public Path directory(String tableId) {
        return tablesRoot.resolve(checkedId(tableId));
    }

    /**
     * The table, opened with the newest spec handed here so far. A spec of a higher schema version than the open
     * table's (its data source was altered: columns added, TTL changed) redefines it
     * ({@link MergeTreeTable#withDefinition}), on whichever node and path (insert, fetch, query fragment, merge)
     * brings it first; a lower one (a request that began before the alteration) gets the table as it is. The new instance shares the old one's parts, so work
     * still running on the old one (an insert, a fetch) publishes where the new one sees it.
     */
    public MergeTreeTable open(TableSpec spec) {
        String tableId = checkedId(spec.getTableId());
        TableSpec newest = newestSpecs.merge(tableId, spec,
                (known, given) -> given.getSchemaVersion() > known.getSchemaVersion() ? given : known);
        MergeTreeTable table = registry.openIfAbsent(tableId, () -> openTable(tableId, newest));
        if (versions.getOrDefault(table, 0L) >= newest.getSchemaVersion()) {
            return table;
        }
        MergeTreeTable redefined = registry.redefine(tableId, table, current -> redefine(current, newest));
        return redefined != null ? redefined : open(spec);   // dropped meanwhile: opened afresh
    }

    /** {@code current} under {@code spec}'s definition, sharing its parts (writes running on it stay visible). */
    private MergeTreeTable redefine(MergeTreeTable current, TableSpec spec) {
        TableDefinition definition = TableSpecs.toDefinition(spec);
        MergeTreeTable table = current.withDefinition(definition, EngineContracts.keyEvaluator(definition),
                EngineContracts.engineServices(definition, spec.getTtl(), TableSpecs.defaults(spec)));
        versions.put(table, spec.getSchemaVersion());
        return table;
    }

    private MergeTreeTable openTable(String tableId, TableSpec spec) {
        TableDefinition definition = TableSpecs.toDefinition(spec);
        Path directory = tablesRoot.resolve(tableId);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                    "Cannot create table directory [" + directory + "]: " + e.getMessage(), e);
        }
        MergeTreeTable table = MergeTreeTable.open(directory, definition, EngineContracts.keyEvaluator(definition),
                EngineContracts.engineServices(definition, spec.getTtl(), TableSpecs.defaults(spec)));
        versions.put(table, spec.getSchemaVersion());
        return table;
    }

    /**
     * Fails retryably (ABORTED, 503) when {@code spec}'s rows cannot go into {@code table} because the data source was
     * altered after the request that brought them began (its columns are the old ones); the retry takes the new ones.
     */
    public void requireCurrent(TableSpec spec, MergeTreeTable table) {
        if (spec.getSchemaVersion() < versions.getOrDefault(table, 0L)
                && spec.getColumnsCount() != table.definition().columns().size()) {
            throw new StarlingException(ErrorCode.ABORTED, "Table [" + spec.getTableId() + "] was altered while this"
                    + " write ran (it has " + table.definition().columns().size() + " columns now, the write "
                    + spec.getColumnsCount() + "); retry it");
        }
    }

    /** Writes the block as new parts; every row is durable when this returns. */
    public InsertResult insert(TableSpec spec, byte[] serializedBlock) {
        MergeTreeTable table = open(spec);
        requireCurrent(spec, table);
        Block block = EngineContracts.deserialize(serializedBlock);
        if (block.columnCount() != spec.getColumnsCount()) {
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Block with " + block.columnCount()
                    + " columns sent to table [" + spec.getTableId() + "] of " + spec.getColumnsCount() + " columns");
        }
        return table.insert(block);
    }

    /**
     * After an insert: lets the node's merge scheduler merge the table (and apply its TTL) in the background from
     * now on, and wakes it, so frequent inserts (Events API, service logs) do not pile up parts until
     * TOO_MANY_PARTS. Tables written only through the replicated path are not registered (their parts must stay
     * as the shard log names them).
     */
    public void mergeSoon(TableSpec spec) {
        registry.mergeSoon(spec.getTableId());
    }

    public void truncate(TableSpec spec) {
        open(spec).truncate();
    }

    /** Closes the table and deletes its directory. */
    public void drop(String tableId) {
        String checked = checkedId(tableId);
        registry.close(checked);
        newestSpecs.remove(checked);
        Path directory = tablesRoot.resolve(checked);
        if (!Files.exists(directory)) {
            return;
        }
        // Move the directory out of the way first (atomic), so a merge or write still finishing on the closed table
        // cannot recreate files under the table's name; then delete, retrying while such stragglers finish.
        Path doomed = tablesRoot.resolve(".dropped-" + checked + "-" + System.nanoTime());
        try {
            Files.move(directory, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move table directory [" + directory + "] aside to drop it", e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Stream<Path> paths = Files.walk(doomed)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("Cannot delete dropped table directory [" + doomed + "]", last);
    }

    private static String checkedId(String tableId) {
        if (!TABLE_ID.matcher(tableId).matches()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Table id [" + tableId
                    + "] may only contain letters, digits and underscores");
        }
        return tableId;
    }
}
