package io.starling.node.cluster;

import io.starling.node.testing.Api;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The steady insert stream of the multi-node tests: batches of rows {@code {"id":n,"v":n}} with ids 1, 2, 3...
 * appended through the Events API of one node ({@code wait=true}), each retried with its idempotency key until
 * acknowledged (a retry is reported, not a failure; a batch not acknowledged within {@code deadline} is). After a
 * batch is acknowledged, {@link #acknowledgedRows()} is its last id, so every id up to it is stored exactly once.
 */
final class BackgroundWriter {
    private final IntSupplier httpPort;
    private final String token;
    private final String dataSource;
    private final int batchRows;
    private final Duration deadline;
    private final Thread thread;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicLong acknowledgedRows = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> retried = new CopyOnWriteArrayList<>();
    private volatile String lastOutcome = "";

    BackgroundWriter(String name, IntSupplier httpPort, String token, String dataSource, int batchRows,
                     Duration deadline) {
        this.httpPort = httpPort;
        this.token = token;
        this.dataSource = dataSource;
        this.batchRows = batchRows;
        this.deadline = deadline;
        this.thread = new Thread(this::run, name);
    }

    void start() {
        thread.start();
    }

    /** While paused, no new batch starts (the one under way still completes). */
    void pause(boolean value) {
        paused.set(value);
    }

    /** Stops after the batch under way and waits up to a minute for it. */
    void stop() throws InterruptedException {
        writing.set(false);
        if (thread.isAlive()) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
    }

    /** Stops without waiting (test clean-up). */
    void stopSoon() {
        writing.set(false);
    }

    long acknowledgedRows() {
        return acknowledgedRows.get();
    }

    List<String> failures() {
        return failures;
    }

    List<String> retried() {
        return retried;
    }

    /** The last retried attempt's answer, for a timed-out wait's message. */
    String lastOutcome() {
        return lastOutcome;
    }

    static String batch(long from, int rows) {
        StringBuilder body = new StringBuilder();
        for (long id = from; id < from + rows; id++) {
            body.append("{\"id\":").append(id).append(",\"v\":").append(id).append("}\n");
        }
        return body.toString();
    }

    private void run() {
        long next = 1;
        try (Api api = new Api(httpPort.getAsInt(), token)) {
            while (writing.get()) {
                if (paused.get()) {
                    Thread.sleep(50);
                    continue;
                }
                if (!append(api, next)) {
                    return;
                }
                next += batchRows;
                acknowledgedRows.set(next - 1);
                Thread.sleep(20);   // a steady stream of small inserts, not a flood (CI has two cores)
            }
        } catch (RuntimeException e) {
            failures.add("writer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch, retried with the same key until acknowledged; false when the deadline passed first. */
    private boolean append(Api api, long from) throws InterruptedException {
        String path = "/v0/events?name=" + dataSource + "&wait=true&idempotency_key=batch-" + from;
        String body = batch(from, batchRows);
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            String outcome;
            try {
                HttpResponse<String> response = api.post(path, body);
                if (response.statusCode() == 200) {
                    return true;
                }
                outcome = response.statusCode() + " " + response.body();
            } catch (RuntimeException e) {
                outcome = e.toString();
            }
            retried.add(outcome);
            lastOutcome = "insert retried: " + outcome;
            if (System.nanoTime() > end) {
                failures.add("insert " + path + ": " + outcome);
                return false;
            }
            Thread.sleep(100);   // pause before retrying the same batch
        }
    }
}
