package io.starling.node.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * A leaky bucket per key (token or JWT name): {@code rate} requests leak out per second and the bucket holds
 * {@code rate + burst}; a request that finds it full is refused (429). Thread-safe.
 */
public final class RateLimiter {
    /** The answer for one request: allowed or not, with Tinybird's rate-limit headers. */
    public record Decision(boolean allowed, int limit, int remaining, int resetSeconds, int retryAfterSeconds) {
        public List<HttpHeader> headers() {
            List<HttpHeader> headers = new java.util.ArrayList<>(List.of(
                    RawHeader.create("X-RateLimit-Limit", Integer.toString(limit)),
                    RawHeader.create("X-RateLimit-Remaining", Integer.toString(remaining)),
                    RawHeader.create("X-RateLimit-Reset", Integer.toString(resetSeconds))));
            if (!allowed) {
                headers.add(RawHeader.create("Retry-After", Integer.toString(retryAfterSeconds)));
            }
            return headers;
        }
    }

    private static final class Bucket {
        double level;
        long updatedNanos;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public RateLimiter() {
        this(System::nanoTime);
    }

    /**
     * What unmetered APIs answer: allowed, with headers saying so ({@value #UNLIMITED} requests left, nothing to
     * wait for), so clients reading the headers never slow down.
     */
    public static final int UNLIMITED = 1_000_000;

    public static Decision unlimited() {
        return new Decision(true, UNLIMITED, UNLIMITED, 0, 0);
    }

    /** Takes one request from {@code key}'s bucket of {@code rate} per second plus {@code burst}. */
    public Decision acquire(String key, int rate, int burst) {
        return acquire(key, rate, burst, 1);
    }

    /**
     * Takes one request from {@code key}'s bucket of {@code rate} requests per {@code windowSeconds} plus
     * {@code burst} (e.g. 5 per 60 s for imports); {@code rate <= 0} is {@link #unlimited()}.
     */
    public Decision acquire(String key, int rate, int burst, int windowSeconds) {
        if (rate <= 0) {
            return unlimited();
        }
        double perSecond = rate / (double) Math.max(1, windowSeconds);
        int capacity = rate + Math.max(0, burst);
        Bucket bucket = buckets.computeIfAbsent(key + "/" + rate + "/" + burst + "/" + windowSeconds, ignored -> {
            Bucket fresh = new Bucket();
            fresh.updatedNanos = nanoTime.getAsLong();
            return fresh;
        });
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            double leaked = (now - bucket.updatedNanos) / 1e9 * perSecond;
            bucket.level = Math.max(0, bucket.level - leaked);
            bucket.updatedNanos = now;
            int reset = (int) Math.ceil(bucket.level / perSecond);
            if (bucket.level + 1 > capacity) {
                int retry = Math.max(1, (int) Math.ceil((bucket.level + 1 - capacity) / perSecond));
                return new Decision(false, capacity, 0, Math.max(1, reset), retry);
            }
            bucket.level += 1;
            int remaining = (int) Math.floor(capacity - bucket.level);
            return new Decision(true, capacity, remaining, (int) Math.ceil(bucket.level / perSecond), 0);
        }
    }
}
