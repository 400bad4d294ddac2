package io.starling.node.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events API load generator: {@code clients} threads each send {@code requests} requests of {@code rows} NDJSON
 * rows to {@code POST /v0/events?name=<ds>&wait=<wait>} and report rows/s and p50/p99/max latency.
 *
 * <pre>java -cp ... io.starling.node.tools.EventsLoad URL TOKEN DS [clients=32] [requests=200] [rows=100] [wait=true]</pre>
 * The data source needs columns {@code id Int64 `json:$.id`, client Int32 `json:$.client`, s String `json:$.s`}
 * (or is created by the first request, with a guessed schema).
 */
public final class EventsLoad {
    private EventsLoad() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String dataSource = args[2];
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int rows = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        boolean wait = args.length <= 6 || Boolean.parseBoolean(args[6]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long[] latencies = new long[clients * requests];
        long[] sentAt = new long[clients * requests];
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int clientId = c;
            Thread.ofPlatform().start(() -> {
                try {
                    for (int r = 0; r < requests; r++) {
                        StringBuilder body = new StringBuilder(rows * 60);
                        for (int i = 0; i < rows; i++) {
                            long id = ((long) clientId * requests + r) * rows + i;
                            body.append("{\"id\":").append(id).append(",\"client\":").append(clientId)
                                    .append(",\"s\":\"payload-").append(id % 1000).append("\"}\n");
                        }
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v0/events?name=" + dataSource
                                        + "&wait=" + wait)).header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() >= 300) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[clientId * requests + r] = System.nanoTime() - sent;
                        sentAt[clientId * requests + r] = sent - start;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        printPerSecond(sentAt, latencies);
        Arrays.sort(latencies);
        long total = (long) clients * requests * rows;
        System.out.printf("clients=%d requests=%d rows/request=%d wait=%s%n", clients, requests, rows, wait);
        System.out.printf("rows=%d seconds=%.2f rows/s=%.0f requests/s=%.0f failures=%d%n", total, seconds,
                total / seconds, clients * requests / seconds, failures.get());
        System.out.printf("latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", percentile(latencies, 0.50),
                percentile(latencies, 0.90), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    /** Requests grouped by the second they were sent in: shows warm-up apart from the steady state. */
    private static void printPerSecond(long[] sentAt, long[] latencies) {
        int seconds = (int) (Arrays.stream(sentAt).max().orElse(0) / 1_000_000_000L) + 1;
        StringBuilder line = new StringBuilder("per second (requests/p99 ms):");
        for (int s = 0; s < seconds; s++) {
            int second = s;
            long[] inSecond = java.util.stream.IntStream.range(0, sentAt.length)
                    .filter(i -> sentAt[i] / 1_000_000_000L == second).mapToLong(i -> latencies[i]).sorted().toArray();
            if (inSecond.length > 0) {
                line.append(String.format(" %d/%.0f", inSecond.length, percentile(inSecond, 0.99)));
            }
        }
        System.out.println(line);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
