package io.starling.node.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Helpers for import bodies. */
public final class RequestBodies {
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
}
