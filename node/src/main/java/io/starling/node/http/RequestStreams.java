package io.starling.node.http;

import java.io.InputStream;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.StreamConverters;

/** Request bodies as blocking InputStreams, for parsers running on the blocking-IO dispatcher. */
final class RequestStreams {
    /** How long a parser waits for the next chunk of the body before failing. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private RequestStreams() {
    }

    static InputStream inputStream(HttpEntity entity, Materializer materializer) {
        return entity.getDataBytes().runWith(StreamConverters.asInputStream(READ_TIMEOUT), materializer);
    }

    static boolean isForm(HttpEntity entity) {
        return entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED);
    }

    static boolean isMultipart(HttpEntity entity) {
        return entity.getContentType().mediaType().isMultipart();
    }

    /** True when the request carries a body (form bodies holding parameters are replaced by an empty one). */
    static boolean hasData(HttpEntity entity) {
        return !entity.isKnownEmpty();
    }

    /**
     * The entity limited to {@code limit} bytes: 413 at once when its declared length is above, else the stream
     * fails once it passes the limit (answered 413 by ApiErrors).
     */
    static HttpEntity limited(HttpEntity entity, long limit, String what) {
        java.util.OptionalLong length = entity.getContentLengthOption();
        if (length.isPresent() && length.getAsLong() > limit) {
            throw tooLarge(limit, what);
        }
        return entity.withSizeLimit(limit);
    }

    static ApiProblem tooLarge(long limit, String what) {
        return new ApiProblem(413, "HTTP 413 - Request Entity Too Large: " + what + " bodies may hold at most "
                + limit / (1024 * 1024) + " MB; split the data into smaller requests");
    }
}
