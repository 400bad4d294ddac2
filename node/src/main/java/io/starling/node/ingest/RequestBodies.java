package io.starling.node.ingest;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;

/** Helpers for import bodies. */
public final class RequestBodies {
    /** Segments an in-memory NDJSON body is parsed in at once (at most; small bodies take one). */
    private static final int PARSE_PARALLELISM = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private RequestBodies() {
    }

    /**
     * Decompresses gzip bodies, recognised by their magic bytes (Content-Encoding: gzip, or a .gz file);
     * answers other bodies unchanged.
     */
    public static InputStream gunzipIfCompressed(InputStream body) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(body, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(buffered, 64 * 1024);
        }
        return buffered;
    }

    /** True when {@code body[0, length)} starts with the gzip magic bytes. */
    public static boolean isGzip(byte[] body, int length) {
        return length >= 2 && (body[0] & 0xFF) == 0x1f && (body[1] & 0xFF) == 0x8b;
    }

    /**
     * Parses an in-memory NDJSON body against the data source's columns without copying it, big bodies in
     * segments at once on {@code executor} (see {@link NdjsonInput#parse(byte[], int, int, java.util.List,
     * Executor, int)}). Same answer as {@code IngestService.parse(dataSource, body, NDJSON, null)}, a gzip body
     * included.
     */
    public static ParsedRows parseNdjson(DataSourceSpec dataSource, byte[] body, Executor executor) {
        byte[] plain = body;
        if (isGzip(body, body.length)) {
            try (InputStream input = gunzipIfCompressed(new ByteArrayInputStream(body))) {
                plain = input.readAllBytes();
            } catch (IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA,
                        "Cannot read the request body: " + e.getMessage(), e);
            }
        }
        return NdjsonInput.parse(plain, 0, plain.length,
                IngestService.ingestColumns(dataSource, IngestService.Format.NDJSON), executor, PARSE_PARALLELISM);
    }
}
