package io.starling.node.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The API's limits (spec data-plane §1.0, §4.11), from {@code starling.limits} in starling-node.conf.
 *
 * @param sqlMaxBytes        longest SQL the Query API accepts (8 KB) → 400
 * @param queryTimeout       Query API execution limit (10 s) → 408 TIMEOUT_EXCEEDED
 * @param resultMaxBytes     largest Query API answer (100 MB) → 400 TOO_MANY_ROWS-style error
 * @param eventsMaxBodyBytes largest Events API body (10 MB, after decompression) → 413
 * @param importMaxBodyBytes largest raw (non-multipart) Data Sources API body (32 GB: streamed) → 413
 * @param sqlRps             Query API requests per second per token (leaky bucket), 0 = unlimited
 * @param sqlBurst           extra requests the bucket absorbs above the rate
 * @param eventsRps          Events API requests per second per data source (Tinybird: 100), 0 = unlimited
 * @param eventsBurst        extra Events API requests the bucket absorbs above the rate
 * @param importsPerMinute   Data Sources API imports (create from data, append, replace) per minute per
 *                           workspace (Tinybird: 5), 0 = unlimited
 * @param importsBurst       extra imports the bucket absorbs above the rate
 */
public record ApiLimits(int sqlMaxBytes, Duration queryTimeout, long resultMaxBytes, long eventsMaxBodyBytes,
                        long importMaxBodyBytes, int sqlRps, int sqlBurst, int eventsRps, int eventsBurst,
                        int importsPerMinute, int importsBurst) {

    public ApiLimits(int sqlMaxBytes, Duration queryTimeout, long resultMaxBytes, long eventsMaxBodyBytes,
                     long importMaxBodyBytes, int sqlRps, int sqlBurst) {
        this(sqlMaxBytes, queryTimeout, resultMaxBytes, eventsMaxBodyBytes, importMaxBodyBytes, sqlRps, sqlBurst,
                0, 0, 0, 0);
    }

    /** The per-query memory default when {@code starling.limits.query-max-memory} is not set. */
    public static final String DEFAULT_QUERY_MAX_MEMORY = "40%";

    /**
     * The memory a query may hold when it does not set {@code max_memory_usage}, in bytes (0 = unlimited), from
     * {@code starling.limits.query-max-memory}: a percentage of the JVM's maximum heap ({@code 40%}, the default)
     * or a size ({@code 4GiB}). Over it a query fails with MEMORY_LIMIT_EXCEEDED (241, HTTP 500).
     */
    public static long queryMaxMemory(Config config) {
        String path = "starling.limits.query-max-memory";
        String value = config.hasPath(path) ? config.getString(path) : DEFAULT_QUERY_MAX_MEMORY;
        return io.starling.sql.exec.QueryMemory.parseSize(value);
    }

    public static ApiLimits defaults() {
        return new ApiLimits(8 * 1024, Duration.ofSeconds(10), 100L * 1024 * 1024, 10L * 1024 * 1024,
                32L * 1024 * 1024 * 1024, 0, 0);
    }

    public static ApiLimits from(Config config) {
        if (!config.hasPath("starling.limits")) {
            return defaults();
        }
        Config limits = config.getConfig("starling.limits");
        return new ApiLimits(
                (int) limits.getBytes("sql-max-length").longValue(),
                limits.getDuration("query-timeout"),
                limits.getBytes("result-max-bytes"),
                limits.getBytes("events-max-body"),
                limits.getBytes("import-max-body"),
                limits.getInt("sql-rps"),
                limits.getInt("sql-burst"),
                optionalInt(limits, "events-rps"),
                optionalInt(limits, "events-burst"),
                optionalInt(limits, "imports-per-minute"),
                optionalInt(limits, "imports-burst"));
    }

    private static int optionalInt(Config limits, String path) {
        return limits.hasPath(path) ? limits.getInt(path) : 0;
    }
}
