package io.starling.storage.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What a query read, for {@code statistics.rows_read/bytes_read}. Thread-safe counters. */
public final class ScanStatistics {
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    public void add(long rows, long bytes) {
        rowsRead.addAndGet(rows);
        bytesRead.addAndGet(bytes);
    }

    public long rowsRead() {
        return rowsRead.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }
}
