package io.starling.node.shard;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a ShardLog bounds its size, from {@code starling.shard-log.*} (defaults when unset).
 *
 * @param snapshotEvery           events between two snapshots; the journal keeps the events of the two newest
 *                                snapshots and deletes older ones ({@code snapshot-every}, default 1000)
 * @param truncateBatch           entries are dropped once at least this many are below every reporting replica's
 *                                cursor ({@code truncate-batch}, default 200): one truncation event per batch
 * @param replicaSilentAfterMillis a replica that has not reported its cursor for this long (its node is down, or it
 *                                is new) does not hold truncation back; if it returns below the truncation point it
 *                                clones the live parts ({@code replica-silent-after}, default 2m)
 */
public record ShardLogSettings(int snapshotEvery, long truncateBatch, long replicaSilentAfterMillis) {
    public static final String PREFIX = "starling.shard-log.";
    public static final ShardLogSettings DEFAULT = new ShardLogSettings(ShardLog.SNAPSHOT_EVERY, 200, 120_000);

    public ShardLogSettings {
        if (snapshotEvery < 1 || truncateBatch < 1 || replicaSilentAfterMillis < 1) {
            throw new IllegalArgumentException(PREFIX + "snapshot-every [" + snapshotEvery + "], truncate-batch ["
                    + truncateBatch + "] and replica-silent-after [" + replicaSilentAfterMillis
                    + " ms] must be positive; write e.g. " + PREFIX + "replica-silent-after = 2m");
        }
    }

    /** The settings in {@code config}, each one defaulting to {@link #DEFAULT}'s. */
    public static ShardLogSettings from(Config config) {
        int snapshotEvery = config.hasPath(PREFIX + "snapshot-every")
                ? config.getInt(PREFIX + "snapshot-every") : DEFAULT.snapshotEvery();
        long batch = config.hasPath(PREFIX + "truncate-batch")
                ? config.getLong(PREFIX + "truncate-batch") : DEFAULT.truncateBatch();
        long silent = config.hasPath(PREFIX + "replica-silent-after")
                ? config.getDuration(PREFIX + "replica-silent-after").toMillis() : DEFAULT.replicaSilentAfterMillis();
        return new ShardLogSettings(snapshotEvery, batch, silent);
    }

    public Duration replicaSilentAfter() {
        return Duration.ofMillis(replicaSilentAfterMillis);
    }
}
