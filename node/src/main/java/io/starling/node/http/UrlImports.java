package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.node.auth.Principal;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.GuessedDataSources;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.RequestBodies;
import io.starling.node.ingest.SchemaGuesser;
import io.starling.node.ingest.TableRewriter;
import io.starling.node.service.ServiceLog;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.JobRecord;
import io.starling.sql.format.input.CsvDialect;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.parquet.ParquetFile;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Imports from a URL ({@code POST /v0/datasources?url=...&mode=create|append|replace}) as {@code import} jobs
 * (spec data-plane §1.2.1, §1.5): the file is fetched with java.net.http ({@link UrlDownload}: in parallel ranges
 * when the server supports them, else one GET) and streamed into the data source
 * chunk by chunk (gzip by {@code .gz} extension, Content-Encoding or magic bytes; CSV, or NDJSON by
 * {@code format=ndjson} or a {@code .ndjson/.jsonl/.json} name, or Parquet by {@code format=parquet} or a
 * {@code .parquet[.gz]} name: spooled whole, then read column by column by jsonpath). mode=create without a schema guesses it from
 * the first megabyte; append creates a missing data source the same way; replace swaps all rows (or with
 * {@code replace_condition} the matching ones) when the whole file is parsed. The answer is the waiting job;
 * {@code GET /v0/jobs/{id}} shows waiting → working (with running statistics) → done or error.
 */
public final class UrlImports {
    static final int SAMPLE_BYTES = 1024 * 1024;

    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Jobs jobs;
    private final Executor blockingIo;
    private final TableRewriter rewriter;
    private final ServiceLog serviceLog;
    private final io.starling.coordinator.catalog.CatalogView catalog;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    public UrlImports(DataSourceService dataSources, IngestService ingest, Jobs jobs, Executor blockingIo,
                      TableRewriter rewriter, ServiceLog serviceLog) {
        this(dataSources, ingest, jobs, blockingIo, rewriter, serviceLog, null);
    }

    /** With {@code catalog} (nullable): mode=create of an existing name is refused (409) before fetching. */
    public UrlImports(DataSourceService dataSources, IngestService ingest, Jobs jobs, Executor blockingIo,
                      TableRewriter rewriter, ServiceLog serviceLog, io.starling.coordinator.catalog.CatalogView catalog) {
        this.catalog = catalog;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.jobs = jobs;
        this.blockingIo = blockingIo;
        this.rewriter = rewriter;
        this.serviceLog = serviceLog;
    }

    /**
     * A fetched file: its (decompressed) body, buffered so a sample can be read ahead; for Parquet ({@code parquet}
     * non-null) the spooled file, which {@link IngestService#ingestParquet} reads column by column.
     */
    private record Fetched(BufferedInputStream body, IngestService.Format format, ParquetFile parquet,
                           UrlDownload.Response download) {

        void close() {
            closeQuietly(body);
            if (parquet != null) {
                parquet.close();
            }
        }
    }

    public CompletionStage<HttpResponse> start(Principal principal, String mode, Map<String, String> parameters,
                                               CsvDialect dialect, String baseUrl) {
        String url = parameters.get("url");
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The url parameter [" + url + "] is not a valid URL; "
                    + "URL-encode it, e.g. url=https%3A%2F%2Fexample.com%2Fevents.csv");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The url must be http:// or https://, got [" + url + "]");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The url [" + url + "] has no host; pass a full URL, "
                    + "URL-encoded, e.g. url=https%3A%2F%2Fexample.com%2Fevents.csv");
        }
        if ((mode.equals("append") || mode.equals("replace")) && (parameters.get("name") == null)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The name parameter is required for mode=" + mode);
        }
        if (mode.equals("replace")) {
            ApiProblem.require(principal.canCreateDataSources(), "Replacing needs DATASOURCES:CREATE or ADMIN.");
        }
        if (mode.equals("create") && catalog != null) {
            ApiProblem.require(principal.canCreateDataSources(), "Creating needs DATASOURCES:CREATE or ADMIN.");
            DataSourcesRoute.refuseExisting(catalog, parameters.get("name"));
        }
        boolean parquet = ParquetBodies.isParquet(parameters.get("format"), null, uri.getPath());
        IngestService.Format format = parquet ? IngestService.Format.NDJSON : format(parameters.get("format"), uri.getPath());
        boolean typeGuessing = !"false".equalsIgnoreCase(parameters.get("type_guessing"));
        return CompletableFuture.supplyAsync(() -> fetch(uri, format, parquet), blockingIo)
                .handle((fetched, failure) -> {
                    if (failure == null) {
                        return imported(principal, mode, parameters, fetched, dialect, typeGuessing, url);
                    }
                    if (ApiErrors.unwrap(failure) instanceof UrlFetchFailure unreachable) {
                        return failedImport(principal, mode, parameters, url, unreachable);
                    }
                    return CompletableFuture.<JobRecord>failedFuture(failure);
                })
                .thenCompose(stage -> stage)
                .thenApply(job -> Json.ok(importJson(job, baseUrl)));
    }

    /** Creates or finds the data source for the fetched file, then starts the import job. */
    private CompletionStage<JobRecord> imported(Principal principal, String mode, Map<String, String> parameters,
                                                Fetched fetched, CsvDialect dialect, boolean typeGuessing, String url) {
        return dataSource(principal, mode, parameters, fetched, dialect, typeGuessing)
                .thenCompose(dataSource -> jobs.start("import", dataSource, importDetails(mode, url),
                        job -> run(job, dataSource, mode, parameters, fetched, dialect)))
                .whenComplete((job, failure) -> {
                    if (failure != null) {
                        fetched.close();
                    }
                });
    }

    /**
     * The file could not be fetched: as Tinybird does, the import job is created anyway and fails, so the answer is
     * the job and {@code GET /v0/jobs/{id}} (and tinybird.jobs_log, datasources_ops_log) say what failed. The job
     * names the data source the import was for: the existing one, one created from the schema parameter, or (the
     * schema would have been guessed from the file) just the name. Checks that do not need the file (scopes,
     * mode=replace of a missing data source) still fail the request.
     */
    private CompletionStage<JobRecord> failedImport(Principal principal, String mode, Map<String, String> parameters,
                                                    String url, UrlFetchFailure unreachable) {
        String name = parameters.get("name");
        CompletionStage<DataSourceSpec> target;
        if (mode.equals("create")) {
            ApiProblem.require(principal.canCreateDataSources(), "Creating needs DATASOURCES:CREATE or ADMIN.");
            target = parameters.containsKey("schema")
                    ? dataSources.create(new DataSourceRequest(name, parameters.get("schema"), parameters.get("engine"),
                            parameters.get("engine_sorting_key"), parameters.get("engine_partition_key"),
                            parameters.get("engine_settings"), parameters.get("format"), parameters.get("description")))
                    : CompletableFuture.completedFuture(DataSourceSpec.newBuilder()
                            .setName(name == null ? autoName(url) : name).build());
        } else {
            target = dataSources.require(name).handle((found, failure) -> {
                if (failure == null) {
                    ApiProblem.require(principal.canAppend(found.getName(), found.getId()), "Appending to ["
                            + found.getName() + "] needs DATASOURCES:APPEND:" + found.getName()
                            + ", DATASOURCES:CREATE or ADMIN.");
                    return CompletableFuture.completedFuture(found);
                }
                if (mode.equals("append") && GuessedDataSources.isMissing(failure) && principal.canCreateDataSources()) {
                    return CompletableFuture.completedFuture(DataSourceSpec.newBuilder().setName(name).build());
                }
                return CompletableFuture.<DataSourceSpec>failedFuture(failure);
            }).thenCompose(stage -> stage);
        }
        return target.thenCompose(dataSource -> jobs.start("import", dataSource, importDetails(mode, url), job -> {
            if (serviceLog != null) {
                serviceLog.operation(mode, dataSource.getId(), dataSource.getName(), unreachable.getMessage(), 0,
                        job.getId(), job.getId(), job.getId(), null, null, Map.of("source", url));
            }
            throw unreachable;
        }));
    }

    private static Map<String, String> importDetails(String mode, String url) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("mode", mode);
        details.put("url", url);
        return details;
    }

    /** The answer to a URL import (spec data-plane §1.2.1): the job, with id, job_id and import_id all equal. */
    private static ObjectNode importJson(JobRecord job, String baseUrl) {
        ObjectNode jobJson = Jobs.render(job, baseUrl);
        jobJson.put("import_id", job.getId());
        jobJson.putNull("statistics");
        jobJson.put("quarantine_rows", 0);
        jobJson.put("invalid_lines", 0);
        ObjectNode json = Json.object();
        json.put("id", job.getId());
        json.put("job_id", job.getId());
        json.put("job_url", baseUrl + "/v0/jobs/" + job.getId());
        json.set("job", jobJson);
        json.put("status", job.getStatus());
        json.put("import_id", job.getId());
        return json;
    }

    private Map<String, String> run(JobRecord job, DataSourceSpec dataSource, String mode, Map<String, String> parameters,
                                    Fetched fetched, CsvDialect dialect) {
        long start = System.nanoTime();
        String error = null;
        IngestResult result = null;
        try {
            if (mode.equals("replace")) {
                ParsedRows parsed = fetched.parquet() != null ? ingest.parseParquet(dataSource, fetched.parquet())
                        : ingest.parse(dataSource, fetched.body(), fetched.format(), dialect);
                String condition = parameters.get("replace_condition");
                long written = rewriter.replace(dataSources, dataSource, parsed.blocks(), condition).rows();
                ingest.quarantine(dataSource, parsed, job.getId());
                result = new IngestResult(job.getId(), written, parsed.quarantined().size(), parsed.invalidLines());
            } else {
                IngestService.Progress progress = (rows, quarantined, chunks) -> jobs.progress(job, Map.of(
                        "statistics", "{\"row_count\":" + rows + "}",
                        "quarantine_rows", Long.toString(quarantined)));
                result = fetched.parquet() != null
                        ? ingest.ingestParquet(dataSource, fetched.parquet(), job.getId(), progress)
                        : ingest.ingest(dataSource, fetched.body(), fetched.format(), dialect, job.getId(), progress);
            }
            Map<String, String> done = new LinkedHashMap<>();
            done.put("statistics", "{\"row_count\":" + result.successfulRows() + "}");
            done.put("quarantine_rows", Long.toString(result.quarantinedRows()));
            done.put("invalid_lines", Long.toString(result.invalidLines()));
            return done;
        } catch (RuntimeException e) {
            RuntimeException failure = e;
            UrlDownload.IncompleteDownload broken = fetched.download().failure();
            if (broken != null) {
                // the readers reword IOExceptions; say that the download broke off, and why
                failure = UrlFetchFailure.of(URI.create(parameters.get("url").strip()), broken);
            }
            error = ApiErrors.unwrap(failure).getMessage();
            throw failure;
        } finally {
            fetched.close();
            if (serviceLog != null) {
                serviceLog.operation(mode, dataSource.getId(), dataSource.getName(), error,
                        (System.nanoTime() - start) / 1e9, job.getId(), job.getId(), job.getId(),
                        result == null ? null : result.successfulRows(), result == null ? null : result.quarantinedRows(),
                        Map.of("source", parameters.get("url")));
            }
        }
    }

    private CompletionStage<DataSourceSpec> dataSource(Principal principal, String mode, Map<String, String> parameters,
                                                       Fetched fetched, CsvDialect dialect, boolean typeGuessing) {
        String name = parameters.get("name");
        if (mode.equals("create")) {
            ApiProblem.require(principal.canCreateDataSources(), "Creating needs DATASOURCES:CREATE or ADMIN.");
            if (parameters.containsKey("schema")) {
                return dataSources.create(new DataSourceRequest(name, parameters.get("schema"), parameters.get("engine"),
                        parameters.get("engine_sorting_key"), parameters.get("engine_partition_key"),
                        parameters.get("engine_settings"), parameters.get("format"), parameters.get("description")));
            }
            return guessAndCreate(name == null ? autoName(parameters.get("url")) : name, fetched, dialect, typeGuessing);
        }
        return dataSources.require(name).handle((found, failure) -> {
            if (failure == null) {
                ApiProblem.require(principal.canAppend(found.getName(), found.getId()), "Appending to ["
                        + found.getName() + "] needs DATASOURCES:APPEND:" + found.getName() + ", DATASOURCES:CREATE or ADMIN.");
                return CompletableFuture.completedFuture(found);
            }
            if (mode.equals("append") && GuessedDataSources.isMissing(failure) && principal.canCreateDataSources()) {
                return guessAndCreate(name, fetched, dialect, typeGuessing);
            }
            return CompletableFuture.<DataSourceSpec>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<DataSourceSpec> guessAndCreate(String name, Fetched fetched, CsvDialect dialect,
                                                           boolean typeGuessing) {
        if (fetched.parquet() != null) {
            return CompletableFuture.supplyAsync(() -> ParquetBodies.guess(fetched.parquet(), typeGuessing), blockingIo)
                    .thenCompose(guess -> GuessedDataSources.create(dataSources, name, guess, "parquet"));
        }
        return CompletableFuture.supplyAsync(() -> {
            SchemaGuesser.Guess guess = guess(fetched.body(), fetched.format(), dialect, typeGuessing);
            if (guess.csvHeader()) {
                try {
                    SchemaGuesser.skipHeader(fetched.body());
                } catch (IOException e) {
                    throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the data: " + e.getMessage(), e);
                }
            }
            return guess;
        }, blockingIo).thenCompose(guess -> GuessedDataSources.create(dataSources, name, guess,
                fetched.format() == IngestService.Format.NDJSON ? "ndjson" : "csv"));
    }

    /** Guesses from the first megabyte of {@code body}, leaving it unread (mark/reset). */
    static SchemaGuesser.Guess guess(BufferedInputStream body, IngestService.Format format, CsvDialect dialect,
                                     boolean typeGuessing) {
        try {
            body.mark(SAMPLE_BYTES + 1);
            byte[] sample = body.readNBytes(SAMPLE_BYTES);
            body.reset();
            boolean complete = sample.length < SAMPLE_BYTES;
            return format == IngestService.Format.NDJSON
                    ? SchemaGuesser.fromNdjson(sample, sample.length, complete, typeGuessing)
                    : SchemaGuesser.fromCsv(sample, sample.length, complete, dialect, typeGuessing);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the data: " + e.getMessage(), e);
        }
    }

    /** Fetches {@code url} and guesses its schema from the first megabyte (for /v0/analyze). Blocking. */
    public SchemaGuesser.Guess analyze(String url, String format, CsvDialect dialect, boolean typeGuessing) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The url parameter [" + url + "] is not a valid URL");
        }
        boolean parquet = ParquetBodies.isParquet(format, null, uri.getPath());
        Fetched fetched = fetch(uri, parquet ? IngestService.Format.NDJSON : format(format, uri.getPath()), parquet);
        try {
            return parquet ? ParquetBodies.guess(fetched.parquet(), typeGuessing)
                    : guess(fetched.body(), fetched.format(), dialect, typeGuessing);
        } finally {
            fetched.close();
        }
    }

    /**
     * Fetches {@code uri} ({@link UrlDownload}: parallel ranges when the server supports them, else one GET). A
     * failed request or error status is a {@link UrlFetchFailure} (the import job is created and fails); so is a
     * download that breaks off while a Parquet file is spooled. CSV and NDJSON stream on inside the job, where a
     * broken download fails the job.
     */
    private Fetched fetch(URI uri, IngestService.Format format, boolean parquet) {
        UrlDownload.Response response;
        try {
            response = UrlDownload.open(client, uri);
        } catch (IOException e) {
            throw UrlFetchFailure.of(uri, e);
        } catch (java.io.UncheckedIOException e) {
            throw UrlFetchFailure.of(uri, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Interrupted while fetching [" + uri + "]");
        }
        if (response.status() >= 300) {
            closeQuietly(response.body());
            throw UrlFetchFailure.status(uri, response.status());
        }
        try {
            if (parquet) {
                // Parquet's schema is in its footer: the whole file is spooled before anything is read.
                ParquetFile file = spoolParquet(uri, response.body());
                return new Fetched(new BufferedInputStream(InputStream.nullInputStream()), format, file, response);
            }
            // gzip by extension, Content-Encoding or content: recognised by its magic bytes
            InputStream body = RequestBodies.gunzipIfCompressed(response.body());
            return new Fetched(new BufferedInputStream(body, SAMPLE_BYTES + 1), format, null, response);
        } catch (UrlDownload.IncompleteDownload e) {
            throw UrlFetchFailure.of(uri, e);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read [" + uri + "]: " + e.getMessage(), e);
        }
    }

    private static ParquetFile spoolParquet(URI uri, InputStream body) {
        try {
            return ParquetBodies.spool(body);
        } catch (StarlingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UrlDownload.IncompleteDownload failure) {
                    throw UrlFetchFailure.of(uri, failure);
                }
            }
            throw e;
        }
    }

    static IngestService.Format format(String parameter, String path) {
        if (parameter != null && !parameter.isBlank()) {
            return switch (parameter.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> IngestService.Format.CSV;
                case "ndjson", "json", "jsonl" -> IngestService.Format.NDJSON;
                default -> throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Format [" + parameter
                        + "] is not supported for URL imports yet; use format=csv, format=ndjson or format=parquet");
            };
        }
        String name = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")
                ? IngestService.Format.NDJSON : IngestService.Format.CSV;
    }

    /** A data source name from the file name: {@code https://x/events_2024.csv.gz} → {@code events_2024}. */
    static String autoName(String url) {
        String path = URI.create(url.strip()).getPath();
        String file = path == null || path.isEmpty() ? "imported" : path.substring(path.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        String name = base.replaceAll("[^A-Za-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "ds_" + name;
        }
        return name;
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
