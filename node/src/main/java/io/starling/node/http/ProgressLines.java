package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code progress=true} on an import (spec data-plane §1.2.1): a 200 whose body is line-delimited JSON written
 * while the data loads — one line per block-log entry ({@code {"block_id","status","timestamp"}}, running
 * {@code rows}/{@code quarantine_rows} on the {@code done*} ones) — ending with the import's usual answer
 * object, or {@code {"error": ...}} when it failed. Progress lines are dropped rather than slow the import when
 * the client does not read; the last line never is.
 */
final class ProgressLines {
    private static final int BUFFER_LINES = 4096;
    private static final Duration LAST_LINE_WAIT = Duration.ofSeconds(60);

    private final BoundedSourceQueue<ByteString> queue;
    private final Source<ByteString, NotUsed> source;

    ProgressLines(Materializer materializer) {
        Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> pair =
                Source.<ByteString>queue(BUFFER_LINES).preMaterialize(materializer);
        this.queue = pair.first();
        this.source = pair.second();
    }

    /** Writes one progress line (dropped when the client is BUFFER_LINES behind). */
    void line(ObjectNode json) {
        queue.offer(ByteString.fromString(json.toString() + "\n"));
    }

    /** The streamed answer: progress lines, then {@code answer}'s body (or the error's) as the last line. */
    HttpResponse stream(CompletionStage<HttpResponse> answer) {
        answer.whenComplete((response, failure) -> {
            HttpResponse last = failure == null ? response : ApiErrors.toResponse(failure, Ulid.next());
            String body = last.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String().strip()
                    : Json.object().put("error", "The import answered a streamed body").toString();
            offerLast(ByteString.fromString(body + "\n"));
            queue.complete();
        });
        return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, source));
    }

    /** Ends the body at once (the request failed before the import started; its error is answered instead). */
    void abandon() {
        queue.complete();
    }

    private void offerLast(ByteString line) {
        long deadline = System.nanoTime() + LAST_LINE_WAIT.toNanos();
        while (queue.offer(line).equals(QueueOfferResult.dropped()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
