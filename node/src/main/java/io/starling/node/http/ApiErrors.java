package io.starling.node.http;

import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into API answers: a {@link StarlingException} becomes the status of its code's category
 * with {@code {"error": "Code: N. DB::Exception: ..."}} and {@code X-DB-Exception-Code}; anything else is a
 * logged 500 with a JSON body. Rejections (unknown path, wrong method...) answer JSON too.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static HttpResponse toResponse(Throwable failure, String requestId) {
        Throwable cause = unwrap(failure);
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (link instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException size) {
                return Json.error(StatusCodes.REQUEST_ENTITY_TOO_LARGE, "HTTP 413 - Request Entity Too Large: the body "
                        + "is larger than " + size.limit() / (1024 * 1024) + " MB; split the data into smaller requests");
            }
            if (link.getCause() == link) {
                break;
            }
        }
        if (cause instanceof ApiProblem problem) {
            return Json.error(StatusCodes.get(problem.status()), problem.getMessage()).addHeaders(problem.headers());
        }
        if (cause instanceof StarlingException starling) {
            return Json.error(StatusCodes.get(starling.errorCode().httpStatus()), starling.clickHouseText())
                    .addHeader(RawHeader.create("X-DB-Exception-Code", Integer.toString(starling.errorCode().code())));
        }
        if (cause instanceof OutOfMemoryError) {
            // e.g. formatting a huge answer; the request's buffers are garbage now and the node keeps serving
            LOG.warn("Request {} ran out of heap: {}", requestId, cause.getMessage());
            StarlingException memory = new StarlingException(io.starling.storage.error.ErrorCode.MEMORY_LIMIT_EXCEEDED,
                    "Memory limit (total) exceeded: the server ran out of heap while answering the request. Reduce "
                    + "what the query holds in memory (filter rows, a LIMIT) or set a lower max_memory_usage");
            return Json.error(StatusCodes.get(memory.errorCode().httpStatus()), memory.clickHouseText())
                    .addHeader(RawHeader.create("X-DB-Exception-Code", Integer.toString(memory.errorCode().code())));
        }
        if (cause instanceof TimeoutException) {
            LOG.warn("Request {} timed out: {}", requestId, cause.getMessage());
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "The server did not answer in time (" + cause.getMessage()
                    + "); retry the request. Request id: " + requestId);
        }
        LOG.error("Request {} failed", requestId, cause);
        return Json.error(StatusCodes.INTERNAL_SERVER_ERROR, "Internal error: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + ". Request id: " + requestId + "; the server log has the details");
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static ExceptionHandler exceptionHandler(String requestId) {
        return ExceptionHandler.newBuilder()
                .match(Throwable.class, failure -> org.apache.pekko.http.javadsl.server.Directives.complete(
                        toResponse(failure, requestId)))
                .build();
    }

    /** Pekko's default rejection answers (404, 405, 400...) with the text moved into {"error": ...}. */
    public static RejectionHandler rejectionHandler() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
            if (response.entity().getContentType().mediaType().isApplication()) {
                return response;
            }
            String text = response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
                    ? strict.getData().utf8String() : response.status().reason();
            return Json.error(response.status(), text.isBlank() ? response.status().reason() : text)
                    .withHeaders(response.getHeaders());
        });
    }
}
