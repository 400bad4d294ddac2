package io.starling.sql.exec;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one query holds, as estimated by its operators, against the query's limit
 * ({@code max_memory_usage}, else the node default).
 *
 * <p>Operators that keep state proportional to their input (hash aggregation, sort buffers, a join's build side,
 * DISTINCT, LIMIT BY, windows, set operations, the materialised result) each take a {@link Reservation} and
 * {@link Reservation#resizeTo resize} it once per block to their current estimate: bytes of primitive arrays and
 * string bytes, not an exact heap measure. Going over the limit throws MEMORY_LIMIT_EXCEEDED (241) with
 * ClickHouse's message shape; the query then fails and its state becomes garbage.
 *
 * <p>Thread-safe: the counters are atomic, so the workers of a parallel scan may share one query's tracker.
 * A {@link Reservation} belongs to one operator and is not thread-safe.
 */
public final class QueryMemory {
    /** The per-query default when the node configures none: this fraction of the JVM's maximum heap. */
    public static final double DEFAULT_HEAP_FRACTION = 0.4;

    private static volatile long defaultLimit = fractionOfHeap(DEFAULT_HEAP_FRACTION);

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** {@code limit} in bytes; 0 means unlimited (ClickHouse's {@code max_memory_usage = 0}). */
    public QueryMemory(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("Memory limit [" + limit + "] must be 0 (unlimited) or positive");
        }
        this.limit = limit;
    }

    /** A tracker with the node's default limit. */
    public static QueryMemory withDefaultLimit() {
        return new QueryMemory(defaultLimit);
    }

    /** The limit queries get without {@code max_memory_usage} (bytes, 0 = unlimited). */
    public static long defaultLimit() {
        return defaultLimit;
    }

    /** Sets the limit queries get without {@code max_memory_usage}: bytes, 0 = unlimited. Called once at node start. */
    public static void setDefaultLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("Default query memory limit [" + bytes + "] must be 0 or positive");
        }
        defaultLimit = bytes;
    }

    /** {@code fraction} (0, 1] of {@link Runtime#maxMemory()}. */
    public static long fractionOfHeap(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Heap fraction [" + fraction + "] must be in (0, 1]");
        }
        return (long) (Runtime.getRuntime().maxMemory() * fraction);
    }

    /**
     * A byte size as ClickHouse settings take it: a plain number, or one with a K/M/G/T suffix (decimal; KiB/MiB/...
     * binary), or a percentage of the JVM heap ({@code 40%}).
     */
    public static long parseSize(String text) {
        String value = text.trim().replace("_", "").toUpperCase(Locale.ROOT);
        try {
            if (value.endsWith("%")) {
                return fractionOfHeap(Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100);
            }
            if (value.endsWith("B")) {
                value = value.substring(0, value.length() - 1);
            }
            long multiplier = 1;
            int suffixes = value.endsWith("I") ? 2 : 1;
            boolean binary = suffixes == 2;
            char unit = value.length() >= suffixes ? value.charAt(value.length() - suffixes) : ' ';
            int power = switch (unit) {
                case 'K' -> 1;
                case 'M' -> 2;
                case 'G' -> 3;
                case 'T' -> 4;
                default -> 0;
            };
            if (power > 0) {
                value = value.substring(0, value.length() - suffixes).trim();
                for (int i = 0; i < power; i++) {
                    multiplier *= binary ? 1024 : 1000;
                }
            } else if (binary) {
                throw new NumberFormatException(text);
            }
            double number = Double.parseDouble(value);
            if (number < 0 || Double.isNaN(number)) {
                throw new NumberFormatException(text);
            }
            return (long) (number * multiplier);
        } catch (IllegalArgumentException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Memory size [" + text + "] is not a number of bytes; "
                    + "write e.g. 10000000000, 10G, 8GiB or 40%");
        }
    }

    public long limit() {
        return limit;
    }

    /** Bytes currently reserved by this query's operators. */
    public long used() {
        return used.get();
    }

    /** The most bytes this query held at once. */
    public long peak() {
        return peak.get();
    }

    /** A reservation for one operator, named as in the error message ("HashAggregate", "Sort"...). */
    public Reservation reservation(String operator) {
        return new Reservation(operator);
    }

    /** Takes {@code bytes} more; over the limit throws MEMORY_LIMIT_EXCEEDED and takes nothing. */
    void reserve(long bytes, String operator) {
        long now = used.addAndGet(bytes);
        if (limit > 0 && now > limit && bytes > 0) {
            used.addAndGet(-bytes);
            throw exceeded(now, bytes, limit, operator);
        }
        long previous;
        while (now > (previous = peak.get()) && !peak.compareAndSet(previous, now)) {
            // another thread raised the peak; retry against its value
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** ClickHouse's text: {@code Memory limit (for query) exceeded: would use 1.20 GiB (attempt to allocate ...)}. */
    static StarlingException exceeded(long wouldUse, long chunk, long limit, String operator) {
        return new StarlingException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "Memory limit (for query) exceeded: would use "
                + readable(wouldUse) + " (attempt to allocate chunk of " + chunk + " bytes), maximum: " + readable(limit)
                + ": While executing " + operator + ". Reduce what the query holds in memory (filter rows, fewer or "
                + "narrower GROUP BY keys, a LIMIT, a smaller join side) or raise max_memory_usage");
    }

    /** A byte count with a binary suffix and two decimals, as ClickHouse prints it: {@code 1.50 GiB}. */
    public static String readable(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /**
     * What one operator holds. {@link #resizeTo} moves the query's total by the difference; {@link #close()} gives
     * everything back. Not thread-safe: one operator drives it.
     */
    public final class Reservation implements AutoCloseable {
        private final String operator;
        private long bytes;

        private Reservation(String operator) {
            this.operator = operator;
        }

        /** Sets this operator's estimate to {@code total} bytes; throws MEMORY_LIMIT_EXCEEDED when that is too much. */
        public void resizeTo(long total) {
            long delta = total - bytes;
            if (delta > 0) {
                reserve(delta, operator);
            } else if (delta < 0) {
                release(-delta);
            }
            bytes = total;
        }

        /** Adds {@code more} bytes to this operator's estimate. */
        public void grow(long more) {
            resizeTo(bytes + more);
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            resizeTo(0);
        }
    }
}
