package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.service.ServiceDataSources;
import io.starling.node.service.ServiceLog;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.JobRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Jobs (delete_data, ...): records persisted in the catalog (so /v0/jobs survives restarts), run on the
 * blocking-IO executor, each state change also written to {@code tinybird.jobs_log}. Thread-safe.
 */
public final class Jobs {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final CatalogView catalog;
    private final Executor blockingIo;
    private final Clock clock;
    private final ServiceLog serviceLog;

    public Jobs(CatalogView catalog, Executor blockingIo, Clock clock, ServiceLog serviceLog) {
        this.catalog = catalog;
        this.blockingIo = blockingIo;
        this.clock = clock;
        this.serviceLog = serviceLog;
    }

    /**
     * Records a waiting job and starts it; {@code work} answers details to add when done (or throws: error).
     * Answers the waiting record once it is persisted.
     */
    public CompletionStage<JobRecord> start(String kind, DataSourceSpec dataSource, Map<String, String> details,
                                            Function<JobRecord, Map<String, String>> work) {
        long now = micros();
        JobRecord waiting = JobRecord.newBuilder().setId(java.util.UUID.randomUUID().toString()).setKind(kind)
                .setStatus("waiting").setDatasourceId(dataSource.getId()).setDatasourceName(dataSource.getName())
                .setCreatedAtMicros(now).setUpdatedAtMicros(now).putAllDetails(details).build();
        return put(waiting).thenApply(ignored -> {
            CompletableFuture.runAsync(() -> run(waiting, work), blockingIo);
            return waiting;
        });
    }

    private void run(JobRecord waiting, Function<JobRecord, Map<String, String>> work) {
        if (claims.putIfAbsent(waiting.getId(), Boolean.TRUE) != null) {
            return; // cancelled while waiting
        }
        JobRecord working = waiting.toBuilder().setStatus("working").setStartedAtMicros(micros())
                .setUpdatedAtMicros(micros()).build();
        put(working).toCompletableFuture().join();
        JobRecord finished;
        try {
            Map<String, String> extra = work.apply(working);
            finished = working.toBuilder().setStatus("done").setUpdatedAtMicros(micros()).putAllDetails(extra).build();
        } catch (RuntimeException e) {
            Throwable cause = ApiErrors.unwrap(e);
            finished = working.toBuilder().setStatus("error").setUpdatedAtMicros(micros())
                    .setError("[Error] " + cause.getMessage()).build();
        }
        lastProgress.remove(waiting.getId());
        put(finished).toCompletableFuture().join();
    }

    /**
     * Records a running job's progress ({@code details} merged into it; status stays working). At most one update
     * a second is written; the final details come with done/error.
     */
    public void progress(JobRecord working, Map<String, String> details) {
        long now = micros();
        Long last = lastProgress.get(working.getId());
        if (last != null && now - last < 1_000_000L) {
            return;
        }
        lastProgress.put(working.getId(), now);
        catalog.putJob(working.toBuilder().setUpdatedAtMicros(now).putAllDetails(details).build()).toCompletableFuture().join();
    }

    private final Map<String, Long> lastProgress = new java.util.concurrent.ConcurrentHashMap<>();
    /** Job id → true once it started running, false once cancelled: whichever comes first wins. */
    private final Map<String, Boolean> claims = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Cancels a job that has not started (status waiting, or left waiting/working by a restart of this node);
     * answers the cancelled record. A running or finished job cannot be cancelled: 400 saying its status.
     */
    public CompletionStage<JobRecord> cancel(JobRecord job) {
        boolean pending = job.getStatus().equals("waiting") || job.getStatus().equals("working");
        if (!pending || claims.putIfAbsent(job.getId(), Boolean.FALSE) != null) {
            throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.BAD_ARGUMENTS,
                    "Job [" + job.getId() + "] is " + (pending ? "running" : job.getStatus())
                            + " and cannot be cancelled; only jobs that have not started can");
        }
        JobRecord cancelled = job.toBuilder().setStatus("cancelled").setUpdatedAtMicros(micros()).build();
        return put(cancelled).thenApply(ignored -> cancelled);
    }

    private CompletionStage<?> put(JobRecord job) {
        if (serviceLog != null) {
            Map<String, Object> row = new HashMap<>();
            row.put("job_id", job.getId());
            row.put("job_type", job.getKind().equals("delete_data") ? "delete" : job.getKind());
            row.put("workspace_id", "default");
            row.put("created_at", job.getCreatedAtMicros() / 1_000_000);
            row.put("updated_at", job.getUpdatedAtMicros() / 1_000_000);
            row.put("started_at", job.getStartedAtMicros() / 1_000_000);
            row.put("status", job.getStatus());
            row.put("error", job.getError().isEmpty() ? null : job.getError());
            try {
                row.put("job_metadata", Json.MAPPER.writeValueAsString(job.getDetailsMap()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                row.put("job_metadata", "{}");
            }
            serviceLog.append(ServiceDataSources.JOBS_LOG, row);
        }
        return catalog.putJob(job);
    }

    private long micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String time(long micros) {
        return micros == 0 ? null : TIMESTAMP.format(Instant.EPOCH.plusNanos(micros * 1_000L));
    }

    /** The job object of /v0/jobs (spec data-plane §1.5). */
    public static ObjectNode render(JobRecord job, String baseUrl) {
        ObjectNode json = Json.object();
        json.put("kind", job.getKind());
        json.put("id", job.getId());
        json.put("job_id", job.getId());
        json.put("job_url", baseUrl + "/v0/jobs/" + job.getId());
        json.put("status", job.getStatus());
        json.put("created_at", time(job.getCreatedAtMicros()));
        json.put("updated_at", time(job.getUpdatedAtMicros()));
        String started = time(job.getStartedAtMicros());
        if (started == null) {
            json.putNull("started_at");
        } else {
            json.put("started_at", started);
        }
        json.put("is_cancellable", job.getStatus().equals("waiting"));
        json.putObject("datasource").put("id", job.getDatasourceId()).put("name", job.getDatasourceName());
        job.getDetailsMap().forEach((key, value) -> {
            if (key.equals("statistics")) {
                try {
                    json.set(key, Json.MAPPER.readTree(value));
                    return;
                } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
                    // fall through: keep it as text
                }
            }
            if (key.endsWith("_rows") || key.equals("rows") || key.startsWith("rows_") || key.equals("invalid_lines")) {
                try {
                    json.put(key, Long.parseLong(value));
                    return;
                } catch (NumberFormatException ignored) {
                    // fall through: keep it as text
                }
            }
            json.put(key, value);
        });
        if (!job.getError().isEmpty()) {
            json.put("error", job.getError());
        }
        if (job.getKind().equals("import")) {
            json.put("import_id", job.getId());
            if (!json.has("statistics")) {
                json.putNull("statistics");
            }
        }
        return json;
    }
}
