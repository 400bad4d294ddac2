package io.starling.node.cluster;

import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.exec.ValueText;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Values;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shard of a table each inserted row goes to. With the data source setting {@value #SHARDING_KEY_SETTING}
 * (an SQL expression over the table's columns, e.g. {@code user_id} or {@code (tenant, toDate(ts))}) a row goes to
 * shard {@code hash(key) mod S}, so rows with one key value share a shard; without it the whole block goes to
 * shard {@code hash(dedup key) mod S}, which spreads blocks at random yet sends a retried block (same insert token
 * or same bytes) to the same shard, where the ShardLog deduplicates it.
 *
 * <p>The hash is FNV-1a 64 with a final mix over the value (integers by value, others by their text), stable across
 * JVMs and versions: changing it moves rows of existing tables to other shards, so never change it. Thread-safe
 * (compiled keys are cached per table and expression).
 */
public final class ShardRouter {
    public static final String SHARDING_KEY_SETTING = "starling_sharding_key";

    private static final Map<String, BoundExpression> COMPILED = new ConcurrentHashMap<>();

    private ShardRouter() {
    }

    /** One block per shard (null where no row goes), for a table of {@code shards} shards. */
    public static Block[] split(TableSpec table, Block block, int shards, String dedupKey) {
        Block[] result = new Block[shards];
        if (shards == 1) {
            result[0] = block;
            return result;
        }
        String key = table.getSettingsMap().getOrDefault(SHARDING_KEY_SETTING, "").strip();
        if (key.isEmpty()) {
            result[shardOf(mix(fnv(dedupKey.getBytes(StandardCharsets.UTF_8))), shards)] = block;
            return result;
        }
        int[] shardOfRow = shardsOfRows(table, key, block, shards);
        int[] counts = new int[shards];
        for (int shard : shardOfRow) {
            counts[shard]++;
        }
        for (int shard = 0; shard < shards; shard++) {
            if (counts[shard] == block.rowCount()) {
                result[shard] = block;
            } else if (counts[shard] > 0) {
                int[] positions = new int[counts[shard]];
                int next = 0;
                for (int row = 0; row < shardOfRow.length; row++) {
                    if (shardOfRow[row] == shard) {
                        positions[next++] = row;
                    }
                }
                result[shard] = block.select(positions, positions.length);
            }
        }
        return result;
    }

    /** The shard of every row of {@code block} under the sharding key expression {@code key}. */
    static int[] shardsOfRows(TableSpec table, String key, Block block, int shards) {
        BoundExpression expression = COMPILED.computeIfAbsent(table.getTableId() + "\u0000" + key, cacheKey -> {
            try {
                return StandaloneExpressions.compile(key, TableSpecs.toDefinition(table).columns());
            } catch (StarlingException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Sharding key [" + key + "] of table ["
                        + table.getTableId() + "] is not an expression over its columns: " + e.getMessage()
                        + ". Fix the data source setting " + SHARDING_KEY_SETTING, e);
            }
        });
        Column column = ExpressionEvaluator.column(expression, block);
        int[] shardOfRow = new int[block.rowCount()];
        for (int row = 0; row < shardOfRow.length; row++) {
            shardOfRow[row] = shardOf(hash(column, row), shards);
        }
        return shardOfRow;
    }

    static long hash(Column column, int row) {
        Object value = Values.get(column, row);
        if (value == null) {
            return 0;
        }
        if (value instanceof Long number) {
            return mix(number);
        }
        return mix(fnv(ValueText.toText(column, row).getBytes(StandardCharsets.UTF_8)));
    }

    static int shardOf(long hash, int shards) {
        return (int) Long.remainderUnsigned(hash, shards);
    }

    private static long fnv(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** splitmix64's finaliser: spreads nearby integers over the whole range. */
    private static long mix(long value) {
        long hash = value;
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
