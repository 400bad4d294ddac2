package io.starling.node.ingest;

import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * Deduplicates retried Events API requests (Tinybird guarantees deduplication of retried inserts for 5 hours).
 * A request's key is its data source plus either the client's idempotency key ({@code Idempotency-Key} header or
 * {@code idempotency_key} parameter: Tinybird documents none, so any retrying client can opt in) or, for
 * {@code wait=true} requests without one, the body's length, its XXH64 and its CRC32C (96 bits): a client retrying
 * after a timeout resends the same bytes. (Retries are not adversarial, so fast non-cryptographic hashes are enough;
 * SHA-256 cost a tenth of the request thread's time on 8 MiB bodies, and CRC32C runs on the CPU's own instruction
 * where a second XXH64 cost another pass.) The first request with a key runs; a request with the same key within
 * the window gets the first one's answer (waiting for it when it is still running) and writes nothing. A failed
 * request forgets its key so the retry runs. At most {@code maxKeys} keys are kept (oldest dropped first).
 * Thread-safe.
 */
public final class EventDedup {
    public static final Duration WINDOW = Duration.ofHours(5);

    private record Entry(CompletableFuture<IngestResult> result, long expiresAtMillis) {
    }

    /** What {@link #claim} decided: run the request (and complete {@code result}), or answer the earlier one's. */
    public record Claim(boolean duplicate, CompletableFuture<IngestResult> result) {
    }

    private final Clock clock;
    private final Duration window;
    private final int maxKeys;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public EventDedup(Clock clock, Duration window, int maxKeys) {
        this.clock = clock;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    public EventDedup(Clock clock) {
        this(clock, WINDOW, 200_000);
    }

    /**
     * What a data source's keys are made under: its id and how many times its rows were truncated or replaced
     * whole, so a body sent again after that is new data, not a retry (the keys from before match nothing).
     */
    public static String scope(io.starling.protocol.catalog.DataSourceSpec dataSource) {
        long resets = dataSource.getRowsReset();
        return resets == 0 ? dataSource.getId() : dataSource.getId() + "#" + resets;
    }

    /** True when {@link #key} hashes the body (wait=true without an idempotency key). */
    public static boolean hashesBody(String idempotencyKey, boolean wait) {
        return (idempotencyKey == null || idempotencyKey.isBlank()) && wait;
    }

    /** The key of a request, or null when it is not deduplicated (wait=false without an idempotency key). */
    public static String key(String dataSourceId, String idempotencyKey, boolean wait, byte[] body) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return dataSourceId + "|k|" + idempotencyKey;
        }
        if (!wait) {
            return null;
        }
        BodyHash hash = new BodyHash();
        hash.update(body, 0, body.length);
        return key(dataSourceId, hash);
    }

    /** The key of a {@code wait=true} request without an idempotency key whose body {@code hash} has taken in. */
    public static String key(String dataSourceId, BodyHash hash) {
        HexFormat hex = HexFormat.of();
        return dataSourceId + "|b|" + hash.length + ":" + hex.toHexDigits(hash.xxh64.getValue())
                + hex.toHexDigits((int) hash.crc32c.getValue());
    }

    /**
     * The body hash of {@link #key(String, String, boolean, byte[])} taken in piece by piece, in body order
     * (the same key as hashing the whole body at once). Not thread-safe: one piece after the other.
     */
    public static final class BodyHash {
        private final StreamingXXHash64 xxh64 = XXHashFactory.fastestInstance().newStreamingHash64(0x5EED_0001L);
        private final CRC32C crc32c = new CRC32C();
        private long length;

        public void update(byte[] bytes, int offset, int count) {
            xxh64.update(bytes, offset, count);
            crc32c.update(bytes, offset, count);
            length += count;
        }
    }

    /**
     * Claims {@code key}: a fresh claim (complete its future with the request's result, or fail it to forget the
     * key), or the earlier request's result.
     */
    public synchronized Claim claim(String key) {
        long now = clock.millis();
        expire(now);
        Entry existing = entries.get(key);
        if (existing != null) {
            return new Claim(true, existing.result());
        }
        CompletableFuture<IngestResult> result = new CompletableFuture<>();
        entries.put(key, new Entry(result, now + window.toMillis()));
        while (entries.size() > maxKeys) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        result.whenComplete((done, failure) -> {
            if (failure != null) {
                forget(key, result);
            }
        });
        return new Claim(false, result);
    }

    private synchronized void forget(String key, CompletableFuture<IngestResult> result) {
        Entry entry = entries.get(key);
        if (entry != null && entry.result() == result) {
            entries.remove(key);
        }
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Entry>> iterator = entries.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<String, Entry> oldest = iterator.next();
            if (oldest.getValue().expiresAtMillis() > now) {
                return;
            }
            iterator.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
