package io.starling.node.http;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a URL import's file as one ordered byte stream, in parallel ranges when the server supports them.
 * The first request asks for the first {@code chunkBytes} ({@code Range: bytes=0-...}):
 * <ul>
 *   <li>a server that ignores ranges answers 200 with the whole file, which is then read as it arrives (one GET);</li>
 *   <li>206 with {@code Content-Range: bytes 0-x/total}: the rest is fetched as further ranges, at most
 *       {@code inFlight} of them at once, each buffered in memory and handed out in order while the next ones
 *       download (memory: about {@code inFlight × chunkBytes}). Each range is checked (206, the range asked for,
 *       its length; {@code If-Match} the first answer's strong ETag, so a file that changes mid-way fails) and
 *       retried twice before the stream fails;</li>
 *   <li>416 (an empty file) is fetched again with a plain GET.</li>
 * </ul>
 * Failures while the body is read surface as {@link IncompleteDownload} (an IOException naming the URL and the range), so a
 * caller can tell a broken download from a bad file. Bytes are not decoded ({@code Accept-Encoding} is not sent:
 * ranges are of the stored bytes; gzip files are recognised by their magic bytes downstream).
 */
final class UrlDownload {
    static final int CHUNK_BYTES = 8 * 1024 * 1024;
    static final int IN_FLIGHT = 4;
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    /** A download failed while its body was read (a range that failed, a connection that broke). */
    static final class IncompleteDownload extends IOException {
        IncompleteDownload(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The first answer: its status (200 or 206 when the body follows) and the body, whole or ranged; {@link #failure}
     * keeps how the body's download broke off, for callers whose readers reword IOExceptions.
     */
    record Response(int status, InputStream body, boolean ranged, Watch watch) {
        IncompleteDownload failure() {
            return watch.failure;
        }
    }

    /** Where a body's streams note their download failure. */
    static final class Watch {
        private volatile IncompleteDownload failure;

        IncompleteDownload noted(IncompleteDownload e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    private UrlDownload() {
    }

    static Response open(HttpClient client, URI uri) throws IOException, InterruptedException {
        return open(client, uri, CHUNK_BYTES, IN_FLIGHT);
    }

    static Response open(HttpClient client, URI uri, int chunkBytes, int inFlight)
            throws IOException, InterruptedException {
        Watch watch = new Watch();
        HttpResponse<InputStream> first = client.send(request(uri, 0, chunkBytes - 1L, null),
                HttpResponse.BodyHandlers.ofInputStream());
        int status = first.statusCode();
        if (status == 416) {
            first.body().close();
            first = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = first.statusCode();
        }
        if (status != 206) {
            return new Response(status, new Tagged(first.body(), uri, watch), false, watch);
        }
        Matcher range = CONTENT_RANGE.matcher(first.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != 0) {
            first.body().close();
            throw new IOException("the server answered 206 without a usable Content-Range for bytes 0-"
                    + (chunkBytes - 1) + " (" + first.headers().firstValue("Content-Range").orElse("none") + ")");
        }
        long total = Long.parseLong(range.group(3));
        long firstEnd = Long.parseLong(range.group(2));
        InputStream head = new Tagged(first.body(), uri, watch);
        if (firstEnd + 1 >= total) {
            return new Response(206, head, false, watch);
        }
        String etag = first.headers().firstValue("ETag").filter(tag -> !tag.startsWith("W/")).orElse(null);
        return new Response(206, new Ranges(client, uri, head, firstEnd + 1, total, chunkBytes, inFlight, etag, watch),
                true, watch);
    }

    private static HttpRequest request(URI uri, long start, long end, String etag) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Range", "bytes=" + start + "-" + end).GET();
        if (etag != null) {
            builder.header("If-Match", etag);
        }
        return builder.build();
    }

    /** The body of a single answer, its read failures tagged as {@link IncompleteDownload}. */
    private static final class Tagged extends FilterInputStream {
        private final URI uri;
        private final Watch watch;

        Tagged(InputStream in, URI uri, Watch watch) {
            super(in);
            this.uri = uri;
            this.watch = watch;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw tag(e);
            }
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            try {
                return super.read(target, offset, length);
            } catch (IOException e) {
                throw tag(e);
            }
        }

        private IOException tag(IOException e) {
            return e instanceof IncompleteDownload ? e : watch.noted(new IncompleteDownload("the connection broke off: "
                    + UrlFetchFailure.reason(uri, e), e));
        }
    }

    /** The first range's body, then the following ranges in order, {@code inFlight} of them downloading ahead. */
    private static final class Ranges extends InputStream {
        private final HttpClient client;
        private final URI uri;
        private final long total;
        private final int chunkBytes;
        private final int inFlight;
        private final String etag;
        private final Watch watch;
        private final ArrayDeque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
        private InputStream current;
        private long nextStart;
        private boolean closed;

        Ranges(HttpClient client, URI uri, InputStream head, long nextStart, long total, int chunkBytes, int inFlight,
               String etag, Watch watch) {
            this.client = client;
            this.watch = watch;
            this.uri = uri;
            this.current = head;
            this.nextStart = nextStart;
            this.total = total;
            this.chunkBytes = chunkBytes;
            this.inFlight = Math.max(1, inFlight);
            this.etag = etag;
            schedule();
        }

        private void schedule() {
            while (pending.size() < inFlight && nextStart < total) {
                long start = nextStart;
                long end = Math.min(total, start + chunkBytes) - 1;
                nextStart = end + 1;
                pending.add(fetch(start, end, 1));
            }
        }

        private CompletableFuture<byte[]> fetch(long start, long end, int attempt) {
            return client.sendAsync(request(uri, start, end, etag), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(response -> checked(response, start, end))
                    .exceptionallyCompose(failure -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (closed || attempt >= ATTEMPTS || cause instanceof CancellationException
                                || (cause instanceof RangeRefused refused && !refused.retry)) {
                            return CompletableFuture.failedFuture(cause);
                        }
                        return fetch(start, end, attempt + 1);
                    });
        }

        private byte[] checked(HttpResponse<byte[]> response, long start, long end) {
            String range = "bytes " + start + "-" + end + " of " + total;
            int status = response.statusCode();
            if (status != 206) {
                // 412: the file changed since the first range; 200: the server stopped honouring ranges
                throw new RangeRefused(range + ": the server answered HTTP " + status
                        + (status == 412 ? " (the file changed during the download)" : ""),
                        status >= 500 || status == 429);
            }
            String contentRange = response.headers().firstValue("Content-Range").orElse("");
            Matcher matcher = CONTENT_RANGE.matcher(contentRange.toLowerCase(Locale.ROOT));
            byte[] body = response.body();
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != start
                    || Long.parseLong(matcher.group(2)) != end || body.length != end - start + 1) {
                throw new RangeRefused(range + ": the server answered [" + contentRange + "] with "
                        + body.length + " bytes", true);
            }
            return body;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("the download of [" + uri + "] is closed");
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int count = current.read(target, offset, length);
                if (count > 0) {
                    return count;
                }
                CompletableFuture<byte[]> next = pending.poll();
                if (next == null) {
                    return -1;
                }
                current.close();
                current = new ByteArrayInputStream(await(next));
                schedule();
            }
        }

        private byte[] await(CompletableFuture<byte[]> next) throws IOException {
            try {
                return next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while downloading [" + uri + "]");
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                throw watch.noted(new IncompleteDownload(cause instanceof RangeRefused ? cause.getMessage()
                        : "a range failed " + ATTEMPTS + " times: " + UrlFetchFailure.reason(uri, cause), cause));
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            for (CompletableFuture<byte[]> future : pending) {
                future.cancel(true);
            }
            pending.clear();
            current.close();
        }
    }

    /** A range answer that is not the range asked for; {@code retry}: worth asking again (5xx, 429, short body). */
    private static final class RangeRefused extends RuntimeException {
        final boolean retry;

        RangeRefused(String message, boolean retry) {
            super(message, null, false, false);
            this.retry = retry;
        }
    }
}
