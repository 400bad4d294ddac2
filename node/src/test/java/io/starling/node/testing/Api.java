package io.starling.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** A small HTTP client for the API, as users call it (java.net.http). */
public final class Api implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    public Api(int port, String token) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public Api withToken(String other) {
        return new Api(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)), other);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> post(String pathAndQuery, String body) {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * POST with {@code Expect: 100-continue}, as curl does for large bodies: a server that refuses the request from
     * its headers (413) answers before the body is sent, so the client sees the status instead of a broken pipe.
     */
    public HttpResponse<String> postExpectingContinue(String pathAndQuery, String body) {
        return send(request(pathAndQuery).expectContinue(true).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postGzip(String pathAndQuery, String body) {
        return send(request(pathAndQuery).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body))).build());
    }

    public HttpResponse<String> postForm(String pathAndQuery, String form) {
        return send(request(pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> postMultipart(String pathAndQuery, String field, String fileName, byte[] content) {
        String boundary = "----starling-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(pathAndQuery).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public HttpResponse<String> delete(String pathAndQuery) {
        return send(request(pathAndQuery).DELETE().build());
    }

    /** Runs a query (GET /v0/sql) and answers its JSON; fails the test on an error status. */
    public JsonNode query(String sql) {
        HttpResponse<String> response = get("/v0/sql?q=" + encode(sql));
        if (response.statusCode() != 200) {
            throw new AssertionError("Query [" + sql + "] failed with " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        client.close();
    }
}
