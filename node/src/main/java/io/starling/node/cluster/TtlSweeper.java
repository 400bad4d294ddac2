package io.starling.node.cluster;

import io.starling.protocol.shard.TableSpec;
import io.starling.storage.engine.TableSettings;
import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row TTL for replicated tables. Their merges do not apply it (each replica would cut at its own clock and the
 * merged parts would differ); instead the data nodes' leader deletes the expired rows through the shard logs, as a
 * delete mutation whose cutoff is fixed when it starts, so every replica drops the same rows (the replica executing
 * a shard's delete rewrites its parts, the others apply the log entry). Each table with a TTL is swept at most once
 * per {@code merge_with_ttl_timeout} seconds (ClickHouse's interval between TTL merges, 14,400 by default), the
 * first time one interval after this node saw it while leader; one sweep per table at a time. Called from the
 * catch-up rounds; thread-safe.
 */
final class TtlSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(TtlSweeper.class);

    /** Runs {@code delete_where condition} on every shard of the table. */
    interface Deleter {
        java.util.concurrent.CompletionStage<Long> deleteWhere(TableSpec table, String condition);
    }

    private final Deleter deleter;
    private final LongSupplier clockMillis;
    /** Per table: when its last sweep started (or when this node first saw it while leader). */
    private final Map<String, Long> lastSweep = new ConcurrentHashMap<>();
    private final Set<String> sweeping = ConcurrentHashMap.newKeySet();

    TtlSweeper(Deleter deleter, LongSupplier clockMillis) {
        this.deleter = deleter;
        this.clockMillis = clockMillis;
    }

    /** One round: on the leader, starts the sweeps that are due (without waiting for them). */
    void round(List<TableSpec> specs, boolean leader) {
        if (!leader) {
            lastSweep.clear();
            return;
        }
        long now = clockMillis.getAsLong();
        for (TableSpec spec : specs) {
            if (spec.getTtl().isBlank()) {
                continue;
            }
            String tableId = spec.getTableId();
            long since = lastSweep.computeIfAbsent(tableId, id -> now);
            if (now - since < intervalMillis(spec) || !sweeping.add(tableId)) {
                continue;
            }
            lastSweep.put(tableId, now);
            String condition = condition(spec.getTtl(), now);
            deleter.deleteWhere(spec, condition).whenComplete((rows, failure) -> {
                sweeping.remove(tableId);
                if (failure != null) {
                    LOG.warn("TTL sweep of [{}] failed (next one in {} s): {}", tableId,
                            intervalMillis(spec) / 1000, failure.toString());
                } else if (rows > 0) {
                    LOG.info("TTL sweep of [{}] deleted {} expired rows", tableId, rows);
                }
            });
        }
    }

    /** The rows the TTL expired at {@code nowMillis}: ClickHouse drops a row once its TTL value is not after now. */
    static String condition(String ttl, long nowMillis) {
        return "(" + ttl + ") <= toDateTime(" + Math.floorDiv(nowMillis, 1000) + ")";
    }

    /** The table's {@code merge_with_ttl_timeout} (its default when the setting does not parse). */
    static long intervalMillis(TableSpec spec) {
        TableSettings settings;
        try {
            settings = TableSettings.of(spec.getSettingsMap());
        } catch (StarlingException e) {
            settings = TableSettings.of(Map.of());   // the table's own open reports the bad setting
        }
        return settings.mergeWithTtlTimeout() * 1000;
    }
}
