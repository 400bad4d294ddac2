package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlDownload} against local HTTP servers: one that serves ranges (the file arrives whole, in order, from
 * several ranges in flight at once), one that ignores them (one GET), and servers that fail mid-way (a range that
 * keeps failing, one that fails once and is retried, a connection that breaks, a file that changes).
 */
class UrlDownloadTest {
    private static final int CHUNK = 64 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private byte[] file;

    /** What the server does for a ranged request: serve it, or fail it (answered with the status) or break it. */
    private interface Behaviour {
        int status(long start, int attempt);
    }

    private volatile Behaviour behaviour = (start, attempt) -> 206;
    private volatile boolean honourRanges = true;
    private volatile String etag = "\"v1\"";
    private volatile CountDownLatch secondRange;
    private final java.util.Map<Long, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        file = new byte[CHUNK * 10 + 1234];
        new Random(42).nextBytes(file);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/file.bin", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file.bin");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "whole" : range);
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (!honourRanges || matcher == null || !matcher.matches()) {
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
                return;
            }
            long start = Long.parseLong(matcher.group(1));
            long end = Math.min(Long.parseLong(matcher.group(2)), file.length - 1);
            if (start == CHUNK && secondRange != null) {
                // the second range waits for the third to be asked for: they are in flight at once
                boolean together = awaitQuietly(secondRange);
                if (!together) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
            }
            if (start == 2L * CHUNK && secondRange != null) {
                secondRange.countDown();
            }
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.equals(etag)) {
                exchange.sendResponseHeaders(412, -1);
                return;
            }
            int attempt = attempts.computeIfAbsent(start, key -> new AtomicInteger()).incrementAndGet();
            int status = behaviour.status(start, attempt);
            if (status == -1) {
                // announce the whole range, send half of it, then drop the connection
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + file.length);
                exchange.sendResponseHeaders(206, end - start + 1);
                exchange.getResponseBody().write(file, (int) start, (int) (end - start + 1) / 2);
                exchange.getResponseBody().flush();
                throw new IOException("dropped on purpose");
            }
            if (status != 206) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + file.length);
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.sendResponseHeaders(206, end - start + 1);
            OutputStream out = exchange.getResponseBody();
            out.write(file, (int) start, (int) (end - start + 1));
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] download(int inFlight) throws Exception {
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, inFlight);
        try (InputStream body = response.body()) {
            return body.readAllBytes();
        }
    }

    @Test
    void aServerWithRangesIsReadInParallelRangesInOrder() throws Exception {
        secondRange = new CountDownLatch(1);
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, 4);
        assertThat(response.ranged()).isTrue();
        byte[] read;
        try (InputStream body = response.body()) {
            read = body.readAllBytes();
        }
        assertThat(read).isEqualTo(file);
        assertThat(ranges).hasSize(11).allMatch(range -> range.startsWith("bytes="));
        assertThat(ranges).contains("bytes=0-" + (CHUNK - 1), "bytes=" + (10L * CHUNK) + "-" + (file.length - 1));
        // the second range was answered only once the third had been asked for
        assertThat(secondRange.getCount()).isZero();
    }

    @Test
    void aServerWithoutRangesIsReadWithOneGet() throws Exception {
        honourRanges = false;
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, 4);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.ranged()).isFalse();
        try (InputStream body = response.body()) {
            assertThat(body.readAllBytes()).isEqualTo(file);
        }
        assertThat(ranges).containsExactly("bytes=0-" + (CHUNK - 1));
    }

    @Test
    void aSmallFileIsOneRange() throws Exception {
        file = java.util.Arrays.copyOf(file, 1000);
        assertThat(download(4)).isEqualTo(file);
        assertThat(ranges).hasSize(1);
    }

    @Test
    void aRangeThatFailsOnceIsAskedAgain() throws Exception {
        behaviour = (start, attempt) -> start == 3L * CHUNK && attempt == 1 ? 503 : 206;
        assertThat(download(3)).isEqualTo(file);
        assertThat(ranges.stream().filter(range -> range.startsWith("bytes=" + 3L * CHUNK + "-"))).hasSize(2);
    }

    @Test
    void aRangeThatKeepsFailingFailsTheDownloadMidWay() throws Exception {
        behaviour = (start, attempt) -> start == 5L * CHUNK ? 500 : 206;
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, 2);
        try (InputStream body = response.body()) {
            byte[] head = body.readNBytes(5 * CHUNK);
            assertThat(head).isEqualTo(java.util.Arrays.copyOf(file, 5 * CHUNK));
            assertThatThrownBy(body::readAllBytes).isInstanceOf(UrlDownload.IncompleteDownload.class)
                    .hasMessageContaining("bytes " + 5L * CHUNK + "-" + (6L * CHUNK - 1))
                    .hasMessageContaining("HTTP 500");
        }
        assertThat(attempts.get(5L * CHUNK).get()).isEqualTo(3);
    }

    @Test
    void aConnectionThatBreaksMidRangeFailsTheDownload() throws Exception {
        behaviour = (start, attempt) -> start == 7L * CHUNK ? -1 : 206;
        assertThatThrownBy(() -> download(4)).isInstanceOf(UrlDownload.IncompleteDownload.class)
                .hasMessageContaining("failed 3 times");
    }

    @Test
    void aFileThatChangesDuringTheDownloadFails() throws Exception {
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, 1);
        etag = "\"v2\"";
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(UrlDownload.IncompleteDownload.class)
                    .hasMessageContaining("HTTP 412").hasMessageContaining("the file changed");
        }
    }

    @Test
    void aSingleGetThatBreaksOffIsAnIncompleteDownload() throws Exception {
        honourRanges = false;
        server.removeContext("/file.bin");
        server.createContext("/file.bin", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file, 0, 1000);
                exchange.getResponseBody().flush();
                throw new IOException("dropped on purpose");
            }
        });
        UrlDownload.Response response = UrlDownload.open(client, uri(), CHUNK, 4);
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(UrlDownload.IncompleteDownload.class)
                    .hasMessageContaining("the connection broke off");
        }
    }
}
