package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Params;
import java.io.PrintStream;
import java.time.Duration;

/** Waiting for an asynchronous job ({@code GET /v0/jobs/{id}}) to finish. */
final class Jobs {
    private Jobs() {
    }

    /** The job id of an async answer ({@code job_id} or {@code job.id}), or null for a synchronous one. */
    static String idOf(JsonNode answer) {
        if (answer.hasNonNull("job_id")) {
            return answer.get("job_id").asText();
        }
        JsonNode job = answer.path("job");
        return job.hasNonNull("id") ? job.get("id").asText() : null;
    }

    /** Polls until done; throws on error or cancellation. Answers the final job object. */
    static JsonNode await(ApiClient api, String jobId, PrintStream out, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            JsonNode job = api.get("/v0/jobs/" + jobId, new Params(), "jobs (GET /v0/jobs/{id})").json();
            String status = job.path("status").asText("unknown");
            if (!status.equals(last)) {
                out.println("* Job " + jobId + ": " + status);
                last = status;
            }
            switch (status) {
                case "done" -> {
                    return job;
                }
                case "error", "failed", "cancelled" -> throw new CliException("Job " + jobId + " " + status
                        + (job.hasNonNull("error") ? ": " + job.get("error").asText() : "")
                        + ". See `starling job ls` for details.");
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new CliException("Job " + jobId + " is still " + status + " after " + timeout.toSeconds()
                                + " s; follow it with `starling job ls`.");
                    }
                    Thread.sleep(500);
                }
            }
        }
    }
}
