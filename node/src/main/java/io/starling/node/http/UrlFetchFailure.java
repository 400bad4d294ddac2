package io.starling.node.http;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A URL import's file could not be fetched (connection refused, unknown host, timeout, an HTTP error status).
 * Tinybird answers such an import with the job it created, and the job fails with this text; {@link UrlImports}
 * does the same. The message says what failed and what to check.
 */
public final class UrlFetchFailure extends StarlingException {
    private UrlFetchFailure(String message, Throwable cause) {
        super(ErrorCode.BAD_ARGUMENTS, message, cause);
    }

    /** The request failed before an answer: names the reason in words. */
    public static UrlFetchFailure of(URI uri, IOException e) {
        return new UrlFetchFailure("Cannot fetch [" + uri + "]: " + reason(uri, e)
                + "; the URL must be publicly reachable from the server (presigned URLs work)", e);
    }

    /** The server answered with an error status. */
    public static UrlFetchFailure status(URI uri, int status) {
        return new UrlFetchFailure("Cannot fetch [" + uri + "]: the server answered HTTP " + status
                + statusText(status) + "; the URL must be publicly reachable (presigned URLs work)", null);
    }

    static String reason(URI uri, Throwable e) {
        // java.net.http reports an unknown host as a ConnectException caused by UnresolvedAddressException
        if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
            return "the host [" + uri.getHost() + "] could not be resolved (DNS)";
        }
        if (has(e, HttpConnectTimeoutException.class)) {
            return "connecting to " + uri.getHost() + " timed out";
        }
        if (has(e, HttpTimeoutException.class)) {
            return "the server did not answer in time";
        }
        if (has(e, ConnectException.class)) {
            return "connection refused by " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> kind) {
        int depth = 0;
        for (Throwable cause = e; cause != null && depth < 10; cause = cause.getCause(), depth++) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String statusText(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }
}
