package io.starling.storage.engine;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Map;

/**
 * The ENGINE_SETTINGS a MergeTree table honours besides {@code index_granularity} and {@code compression_codec}
 * (read by the part schema). Unknown settings are kept but ignored.
 *
 * @param partsToDelayInsert     active parts in a partition from which inserts are delayed (150)
 * @param partsToThrowInsert     active parts in a partition from which inserts fail with TOO_MANY_PARTS (300)
 * @param maxDelayToInsertMillis the longest delay, reached just below the throw limit ({@code max_delay_to_insert},
 *                               seconds, default 1)
 * @param mergeWithTtlTimeout    seconds between two TTL passes over a table (14400)
 * @param ttlOnlyDropParts       when true TTL only drops parts whose rows have all expired, never rewrites (false)
 * @param optimizeOnInsert       when true the engine's merge rule is applied to each inserted block (true)
 */
public record TableSettings(int partsToDelayInsert, int partsToThrowInsert, long maxDelayToInsertMillis,
                            long mergeWithTtlTimeout, boolean ttlOnlyDropParts, boolean optimizeOnInsert) {
    public static final String PARTS_TO_DELAY_INSERT = "parts_to_delay_insert";
    public static final String PARTS_TO_THROW_INSERT = "parts_to_throw_insert";
    public static final String MAX_DELAY_TO_INSERT = "max_delay_to_insert";
    public static final String MERGE_WITH_TTL_TIMEOUT = "merge_with_ttl_timeout";
    public static final String TTL_ONLY_DROP_PARTS = "ttl_only_drop_parts";
    public static final String OPTIMIZE_ON_INSERT = "optimize_on_insert";

    public static TableSettings of(Map<String, String> settings) {
        int delay = (int) number(settings, PARTS_TO_DELAY_INSERT, 150);
        int throwAt = (int) number(settings, PARTS_TO_THROW_INSERT, 300);
        return new TableSettings(Math.min(delay, throwAt), throwAt, number(settings, MAX_DELAY_TO_INSERT, 1) * 1000,
                number(settings, MERGE_WITH_TTL_TIMEOUT, 14_400), flag(settings, TTL_ONLY_DROP_PARTS, false),
                flag(settings, OPTIMIZE_ON_INSERT, true));
    }

    private static long number(Map<String, String> settings, String name, long fallback) {
        String value = settings.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + name + " [" + value
                    + "] is not a non-negative integer; write e.g. " + name + "=" + fallback, e);
        }
    }

    private static boolean flag(Map<String, String> settings, String name, boolean fallback) {
        String value = settings.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + name + " [" + value
                    + "] is not a boolean; write " + name + "=1 or " + name + "=0");
        };
    }

    /**
     * How long an insert into a partition with {@code activeParts} parts waits (ms): 0 below
     * {@code partsToDelayInsert}, then growing linearly to {@code maxDelayToInsertMillis} at
     * {@code partsToThrowInsert}. A pure function.
     */
    public long insertDelayMillis(int activeParts) {
        if (activeParts < partsToDelayInsert || partsToThrowInsert <= partsToDelayInsert) {
            return 0;
        }
        long over = activeParts - partsToDelayInsert + 1L;
        long range = partsToThrowInsert - partsToDelayInsert;
        return Math.min(maxDelayToInsertMillis, maxDelayToInsertMillis * over / range);
    }
}
