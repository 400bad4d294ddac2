package io.starling.node.cluster;

import io.starling.node.transfer.PartFetcher;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.PreparedPart;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed parts of a local shard table from peer replicas through the data port, trying the sources in
 * order. Owns the per-part fetch locks so at most one fetch of a part runs at a time on this node (two fetches of
 * one part would share a temporary directory). Split out of {@link ReplicaNode}, which decides what to fetch.
 *
 * <p>Blocking (sockets, disk). Thread-safe.
 */
final class PartFetches {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaNode.class);

    private final PartFetcher fetcher;
    private final Map<String, ReentrantLock> fetchLocks = new ConcurrentHashMap<>();

    PartFetches(PartFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Fetches and attaches the part unless the table already holds it (or a part covering it). */
    void fetchPart(MergeTreeTable table, String tableId, String part, List<String> sources) {
        PartName name = parse(part);
        ReentrantLock lock = fetchLocks.computeIfAbsent(tableId + "/" + part, key -> new ReentrantLock());
        lock.lock();
        try {
            if (holdsLocally(table, part)) {
                return;
            }
            StarlingException last = noSource(tableId, part);
            for (String source : sources) {
                try {
                    Path prepared = fetcher.fetch(source, tableId, part, table.directory());
                    table.attachPart(prepared, name);
                    return;
                } catch (StarlingException e) {
                    last = e;
                    LOG.debug("Fetching [{}] of [{}] from [{}] failed: {}", part, tableId, source, e.getMessage());
                }
            }
            throw last;
        } finally {
            lock.unlock();   // locks stay in the map: removing one could let two fetches share a tmp directory
        }
    }

    /** Fetches a part into a verified temporary directory of the table without publishing it. */
    PreparedPart fetchPrepared(MergeTreeTable table, String tableId, String part, List<String> sources) {
        PartName name = parse(part);
        StarlingException last = noSource(tableId, part);
        for (String source : sources) {
            try {
                return table.adoptPrepared(fetcher.fetch(source, tableId, part, table.directory()), name);
            } catch (StarlingException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The data addresses of {@code holders} except {@code self}, in the order of {@code addresses}. */
    static List<String> orderedSources(Map<Integer, String> addresses, List<Integer> holders, int self) {
        List<String> sources = new ArrayList<>();
        addresses.forEach((index, address) -> {
            if (index != self && holders.contains(index)) {
                sources.add(address);
            }
        });
        return sources;
    }

    /** True when the table has the part active, or a part that covers it. */
    static boolean holdsLocally(MergeTreeTable table, String part) {
        Optional<PartName> name = PartName.tryParse(part);
        if (name.isEmpty()) {
            return false;
        }
        for (DataPart active : table.activeParts()) {
            if (active.partName().equals(name.get()) || active.partName().covers(name.get())) {
                return true;
            }
        }
        return false;
    }

    private static PartName parse(String part) {
        return PartName.tryParse(part).orElseThrow(() -> new StarlingException(ErrorCode.LOGICAL_ERROR,
                "[" + part + "] is not a part name"));
    }

    private static StarlingException noSource(String tableId, String part) {
        return new StarlingException(ErrorCode.TOO_FEW_LIVE_REPLICAS, "No replica holds part ["
                + part + "] of table [" + tableId + "] to fetch it from");
    }
}
