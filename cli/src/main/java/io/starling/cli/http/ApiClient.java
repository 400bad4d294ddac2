package io.starling.cli.http;

import io.starling.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The CLI's only way to a server: Tinybird-shaped HTTP calls with {@code Authorization: Bearer}. Failures become
 * {@link CliException}s that say what to do: unreachable server (exit 2), rejected token, an API this server does
 * not have yet (404/405 on a route it does not know), or the server's own error text.
 */
public final class ApiClient {
    /** Pekko's answer for a path no route matches (moved into {"error": ...} by the node). */
    private static final String UNKNOWN_ROUTE = "The requested resource could not be found.";

    private final String host;
    private final Supplier<String> token;
    private final HttpClient http;
    private Duration timeout = Duration.ofMinutes(10);

    public ApiClient(String host, Supplier<String> token) {
        this.host = host;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ApiClient withTimeout(Duration value) {
        this.timeout = value;
        return this;
    }

    public String host() {
        return host;
    }

    public ApiResponse get(String path, Params query, String feature) {
        return send("GET", path, query, HttpRequest.BodyPublishers.noBody(), null, feature);
    }

    public ApiResponse delete(String path, Params query, String feature) {
        return send("DELETE", path, query, HttpRequest.BodyPublishers.noBody(), null, feature);
    }

    /** POST with the parameters as an url-encoded form body. */
    public ApiResponse postForm(String path, Params form, String feature) {
        return send("POST", path, new Params(), HttpRequest.BodyPublishers.ofString(form.encode()),
                "application/x-www-form-urlencoded", feature);
    }

    /** POST with the parameters in the query string and a raw body. */
    public ApiResponse postBody(String path, Params query, String body, String contentType, String feature) {
        return send("POST", path, query, HttpRequest.BodyPublishers.ofString(body), contentType, feature);
    }

    /** POST a multipart body; when {@code progress} is not null a percentage line is printed there. */
    public ApiResponse postMultipart(String path, Params query, Multipart body, PrintStream progress, String label,
                                     String feature) {
        return postMultipart(path, query, body, progress, label, feature, false);
    }

    /**
     * As above; when {@code lenient}, answers 400, 409 and 422 are returned instead of thrown, for APIs whose
     * failure bodies carry details (per-file build and deployment errors).
     */
    public ApiResponse postMultipart(String path, Params query, Multipart body, PrintStream progress, String label,
                                     String feature, boolean lenient) {
        long length = body.length();
        Supplier<InputStream> stream = progress == null ? body::open
                : () -> new Progress(body.open(), length, progress, label);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(stream), length);
        return send("POST", path, query, publisher, body.contentType(), feature, lenient);
    }

    public ApiResponse send(String method, String path, Params query, HttpRequest.BodyPublisher body,
                            String contentType, String feature) {
        return send(method, path, query, body, contentType, feature, false);
    }

    public ApiResponse send(String method, String path, Params query, HttpRequest.BodyPublisher body,
                            String contentType, String feature, boolean lenient) {
        String url = host + path + (query.isEmpty() ? "" : "?" + query.encode());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String bearer = token.get();
        if (bearer != null && !bearer.isBlank()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable();
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable();
            }
            throw new CliException("The request to " + host + path + " failed: " + e.getMessage()
                    + ". Check that the server is running (`starling local status`) and retry.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "Interrupted");
        }
        ApiResponse answer = new ApiResponse(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
        int status = answer.status();
        boolean detailed = lenient && (status == 400 || status == 409 || status == 422) && answer.body().strip().startsWith("{");
        if (!detailed) {
            check(answer, method, path, feature);
        }
        return answer;
    }

    private CliException unreachable() {
        return new CliException(2, "Cannot reach Starling at " + host + ". Start a local server with "
                + "`starling local start` (or in the foreground with `bin/starling local`), "
                + "or point the CLI at a running server with --host or TB_HOST.");
    }

    private void check(ApiResponse response, String method, String path, String feature) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        String message = response.errorMessage();
        if ((status == 404 && (message.isEmpty() || message.equals(UNKNOWN_ROUTE) || !looksLikeJson(response)))
                || status == 405 || (status == 501 && message.isEmpty())) {
            throw new CliException("This server does not support " + feature + " yet (HTTP " + status + " on "
                    + method + " " + path + "). Upgrade the Starling server, or use a server that has this API.");
        }
        if (status == 401 || status == 403) {
            throw new CliException("Error " + status + ": " + message + "\nThe token was rejected for " + feature
                    + ". Use the workspace admin token (on a local server leave --token, TB_TOKEN and .tinyb unset and "
                    + "the CLI fetches it from " + host + "/tokens; `starling token ls` lists the others), or pass "
                    + "--token / set TB_TOKEN.");
        }
        throw new CliException("Error " + status + ": " + message);
    }

    private static boolean looksLikeJson(ApiResponse response) {
        String body = response.body() == null ? "" : response.body().strip();
        return body.startsWith("{") || response.contentType().contains("json");
    }
}
