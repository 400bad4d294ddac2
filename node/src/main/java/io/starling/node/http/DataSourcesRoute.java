package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceRequest;
import io.starling.node.auth.Principal;
import io.starling.node.ingest.TableRewriter;
import io.starling.node.service.ServiceLog;
import io.starling.sql.format.input.ParsedRows;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestResult;
import io.starling.node.ingest.IngestService;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.CsvDialect;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Multipart;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The Data Sources API: {@code POST /v0/datasources} (mode=create with a schema, mode=append with a raw CSV,
 * NDJSON or Parquet ({@code format=parquet}) body or a multipart {@code csv=@file} / {@code ndjson=@file} /
 * {@code parquet=@file}), {@code GET /v0/datasources[/name]},
 * {@code DELETE /v0/datasources/name}, {@code POST /v0/datasources/name/truncate}.
 */
public final class DataSourcesRoute extends ApiDirectives {
    private static final long MAX_FORM_BYTES = 16L * 1024 * 1024;

    private final CatalogView catalog;
    private final DataSourceService dataSources;
    private final IngestService ingest;
    private final Executor blockingIo;
    private final Materializer materializer;
    private final TableRewriter rewriter;
    private final Jobs jobs;
    private final ServiceLog serviceLog;
    private final ApiLimits limits;
    private final UrlImports urlImports;
    private final AnalyzeRoute analyze;

    public DataSourcesRoute(TokenAuthenticator authenticator, CatalogView catalog, DataSourceService dataSources,
                            IngestService ingest, Executor blockingIo, Materializer materializer,
                            TableRewriter rewriter, Jobs jobs, ServiceLog serviceLog, ApiLimits limits) {
        super(authenticator);
        this.rewriter = rewriter;
        this.jobs = jobs;
        this.serviceLog = serviceLog;
        this.limits = limits;
        this.catalog = catalog;
        this.dataSources = dataSources;
        this.ingest = ingest;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
        this.urlImports = new UrlImports(dataSources, ingest, jobs, blockingIo, rewriter, serviceLog);
        this.analyze = new AnalyzeRoute(authenticator, urlImports, blockingIo, materializer);
    }

    private static final String NEEDS_CREATE = "It needs DATASOURCES:CREATE or ADMIN.";

    public Route route() {
        return concat(analyze.route(), dataSourcesRoute());
    }

    private Route dataSourcesRoute() {
        return pathPrefix("v0", () -> pathPrefix("datasources", () -> authenticated(principal -> concat(
                pathEndOrSingleSlash(() -> concat(
                        post(() -> extractUri(uri -> withParameters((parameters, entity) ->
                                importOrCreate(principal, parameters, entity, baseUrl(uri))))),
                        get(() -> requireThen(principal.canListDataSources(), "It needs DATASOURCES:READ or ADMIN.",
                                () -> completeWithFuture(list(principal)))))),
                path(PathMatchers.segment().slash("truncate"), name -> post(() -> requireThen(
                        principal.canCreateDataSources() || principal.canDrop(name, name), NEEDS_CREATE,
                        () -> completeWithFuture(truncate(name))))),
                path(PathMatchers.segment().slash("alter"), name -> post(() -> requireThen(
                        principal.canCreateDataSources(), NEEDS_CREATE,
                        () -> withParameters((parameters, entity) -> completeWithFuture(alter(name, parameters)))))),
                path(PathMatchers.segment().slash("delete"), name -> post(() -> requireThen(
                        principal.canCreateDataSources(), NEEDS_CREATE,
                        () -> withParameters((parameters, entity) -> extractUri(uri ->
                                completeWithFuture(deleteRows(name, parameters, baseUrl(uri)))))))),
                path(PathMatchers.segment(), name -> concat(
                        get(() -> completeWithFuture(describe(principal, name))),
                        put(() -> requireThen(principal.canCreateDataSources(), NEEDS_CREATE,
                                () -> withParameters((parameters, entity) -> completeWithFuture(rename(name, parameters))))),
                        delete(() -> completeWithFuture(drop(principal, name)))))))));
    }

    private Route requireThen(boolean allowed, String needed, java.util.function.Supplier<Route> inner) {
        return allowed ? inner.get() : complete(Json.error(StatusCodes.FORBIDDEN, FORBIDDEN + " " + needed));
    }

    private static String baseUrl(org.apache.pekko.http.javadsl.model.Uri uri) {
        return uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "");
    }

    /**
     * Query parameters, plus form fields when the body is a form ({@code curl -d name=... -d schema=...}). A
     * form-typed body is data, not fields, when the query already says mode=append/replace or gives the schema:
     * curl sends {@code -d @rows.csv} with the form content type too.
     */
    private Route withParameters(java.util.function.BiFunction<Map<String, String>, HttpEntity, Route> inner) {
        return parameterMap(query -> extractRequestEntity(entity -> {
            String mode = query.getOrDefault("mode", "create").toLowerCase(Locale.ROOT);
            boolean bodyIsData = mode.equals("append") || mode.equals("replace") || query.containsKey("schema");
            if (RequestStreams.isForm(entity) && !bodyIsData) {
                return onSuccess(entity.toStrict(RequestStreams.READ_TIMEOUT.toMillis(), MAX_FORM_BYTES, materializer),
                        strict -> {
                            Map<String, String> merged = new HashMap<>(query);
                            merged.putAll(FormBodies.parse(strict.getData().utf8String()));
                            return inner.apply(merged, HttpEntities.EMPTY);
                        });
            }
            return inner.apply(query, entity);
        }));
    }

    private Route importOrCreate(Principal principal, Map<String, String> parameters, HttpEntity rawEntity,
                                 String baseUrl) {
        String mode = parameters.getOrDefault("mode", "create").toLowerCase(Locale.ROOT);
        HttpEntity entity = RequestStreams.isMultipart(rawEntity) ? rawEntity
                : RequestStreams.limited(rawEntity, limits.importMaxBodyBytes(), "Data Sources API raw");
        if (parameters.containsKey("url") && !mode.equals("create") && !mode.equals("append") && !mode.equals("replace")) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unknown mode [" + mode
                    + "]; use mode=create, mode=append or mode=replace");
        }
        CompletionStage<HttpResponse> response = parameters.containsKey("url")
                ? urlImports.start(principal, mode, parameters, dialect(parameters), baseUrl)
                : switch (mode) {
            case "create" -> {
                ApiProblem.require(principal.canCreateDataSources(), NEEDS_CREATE);
                yield create(parameters, entity);
            }
            case "append" -> dataSources.require(parameters.get("name")).thenCompose(dataSource -> {
                ApiProblem.require(principal.canAppend(dataSource.getName(), dataSource.getId()), "Appending to ["
                        + dataSource.getName() + "] needs DATASOURCES:APPEND:" + dataSource.getName()
                        + ", DATASOURCES:CREATE or ADMIN.");
                return append(dataSource, parameters, entity);
            });
            case "replace" -> {
                ApiProblem.require(principal.canCreateDataSources(), NEEDS_CREATE);
                yield dataSources.require(parameters.get("name"))
                        .thenCompose(dataSource -> replace(dataSource, parameters, entity));
            }
            default -> CompletableFuture.failedFuture(new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "Unknown mode [" + mode + "]; use mode=create, mode=append or mode=replace"));
        };
        return completeWithFuture(response.whenComplete((ignored, failure) -> {
            if (failure != null) {
                entity.discardBytes(materializer);
            }
        }));
    }

    private CompletionStage<HttpResponse> create(Map<String, String> parameters, HttpEntity entity) {
        if (!parameters.containsKey("schema")) {
            if (!RequestStreams.hasData(entity)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Creating a data source needs schema=<column Type, "
                        + "...>, or data to guess it from: a body, csv=@file / ndjson=@file, or url=...");
            }
            return createFromData(parameters, entity);
        }
        DataSourceRequest request = new DataSourceRequest(parameters.get("name"), parameters.get("schema"),
                parameters.get("engine"), parameters.get("engine_sorting_key"), parameters.get("engine_partition_key"),
                parameters.get("engine_settings"), parameters.get("format"), parameters.get("description"));
        DataSourceRequest.EngineOptions options = new DataSourceRequest.EngineOptions(parameters.get("engine_ver"),
                parameters.get("engine_is_deleted"), parameters.get("engine_sign"), parameters.get("engine_version"),
                parameters.get("engine_columns"), parameters.get("engine_ttl"));
        return dataSources.create(request, options, parameters.get("indexes")).thenCompose(created -> {
            if (serviceLog != null) {
                serviceLog.operation("create", created.getId(), created.getName(), null, 0, null, null, Ulid.next(),
                        null, null, Map.of());
            }
            if (RequestStreams.hasData(entity)) {
                return append(created, parameters, entity);
            }
            return dataSources.statistics(created).thenApply(statistics ->
                    Json.ok(Json.object().set("datasource", DataSourceJson.render(created, statistics))));
        });
    }

    /**
     * mode=create without a schema: guesses it from the first megabyte of the body (raw, or the first file of a
     * multipart body), creates the data source, then streams all the rows into it.
     */
    private CompletionStage<HttpResponse> createFromData(Map<String, String> parameters, HttpEntity entity) {
        String importId = Ulid.next();
        CsvDialect dialect = dialect(parameters);
        boolean typeGuessing = !"false".equalsIgnoreCase(parameters.get("type_guessing"));
        CompletionStage<Map.Entry<String, InputStream>> body;
        if (RequestStreams.isMultipart(entity)) {
            body = Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                    .thenCompose(form -> form.getParts().map(part -> (Multipart.FormData.BodyPart) part)
                            .filter(DataSourcesRoute::isFilePart)
                            .runWith(Sink.<Multipart.FormData.BodyPart>headOption(), materializer))
                    .thenApply(part -> {
                        Multipart.FormData.BodyPart file = part.orElseThrow(() -> new StarlingException(
                                ErrorCode.BAD_ARGUMENTS, "The multipart body has no file; send csv=@file or ndjson=@file"));
                        String fileName = file.getFilename().orElse("");
                        String kind = ParquetBodies.isParquet(null, file.getName(), fileName) ? "parquet"
                                : file.getName().equals("ndjson") || fileName.matches("(?i).*\\.(ndjson|jsonl|json)(\\.gz)?")
                                ? "ndjson" : file.getName().equals("csv") ? "csv" : "";
                        return Map.entry(kind, RequestStreams.inputStream(file.getEntity(), materializer));
                    });
        } else {
            body = CompletableFuture.completedFuture(Map.entry("", RequestStreams.inputStream(entity, materializer)));
        }
        String name = parameters.get("name");
        return body.thenCompose(part -> CompletableFuture.supplyAsync(() -> {
            try {
                java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(
                        io.starling.node.ingest.RequestBodies.gunzipIfCompressed(part.getValue()), UrlImports.SAMPLE_BYTES + 1);
                String declared = !part.getKey().isEmpty() ? part.getKey() : parameters.get("format");
                if (declared != null && !declared.isBlank() ? declared.strip().equalsIgnoreCase("parquet")
                        : ParquetBodies.startsLikeParquet(buffered)) {
                    return createFromParquet(name, importId, buffered, dialect, typeGuessing);
                }
                IngestService.Format format = declared != null && !declared.isBlank()
                        ? format(declared, null, null) : sniff(buffered);
                var guess = UrlImports.guess(buffered, format, dialect, typeGuessing);
                if (guess.csvHeader()) {
                    io.starling.node.ingest.SchemaGuesser.skipHeader(buffered);
                }
                DataSourceSpec created = io.starling.node.ingest.GuessedDataSources.create(dataSources,
                        name == null || name.isBlank() ? "imported_" + importId.toLowerCase(Locale.ROOT) : name, guess,
                        format == IngestService.Format.NDJSON ? "ndjson" : "csv").toCompletableFuture().join();
                if (serviceLog != null) {
                    serviceLog.operation("create", created.getId(), created.getName(), null, 0, null, null, importId,
                            null, null, Map.of("source", "guessed"));
                }
                IngestResult result = ingest.ingest(created, buffered, format, dialect, importId);
                return Map.entry(created, result);
            } catch (java.io.IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the body: " + e.getMessage(), e);
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }, blockingIo)).thenCompose(done -> respond(done.getKey(), importId,
                CompletableFuture.completedFuture(done.getValue())));
    }

    /** mode=create from a Parquet body: the schema from the file's, then every row (blocking). */
    private Map.Entry<DataSourceSpec, IngestResult> createFromParquet(String name, String importId, InputStream body,
                                                                     CsvDialect dialect, boolean typeGuessing) {
        io.starling.sql.format.parquet.ParquetFile file = ParquetBodies.spool(body);
        try {
            var guess = ParquetBodies.guess(file, typeGuessing);
            DataSourceSpec created = io.starling.node.ingest.GuessedDataSources.create(dataSources,
                    name == null || name.isBlank() ? "imported_" + importId.toLowerCase(Locale.ROOT) : name, guess,
                    "parquet").toCompletableFuture().join();
            if (serviceLog != null) {
                serviceLog.operation("create", created.getId(), created.getName(), null, 0, null, null, importId,
                        null, null, Map.of("source", "guessed"));
            }
            return Map.entry(created, ingest.ingest(created, ParquetBodies.asNdjson(created, file),
                    IngestService.Format.NDJSON, dialect, importId));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** NDJSON when the data starts with '{', else CSV. */
    private static IngestService.Format sniff(java.io.BufferedInputStream body) throws java.io.IOException {
        body.mark(4096);
        byte[] head = body.readNBytes(4096);
        body.reset();
        for (byte b : head) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) {
                continue;
            }
            return b == '{' ? IngestService.Format.NDJSON : IngestService.Format.CSV;
        }
        return IngestService.Format.CSV;
    }

    /**
     * mode=replace: parses the body, then swaps the table's rows in one step (all rows, or with replace_condition
     * only the matching rows of the partitions the new rows touch). Bad rows go to the quarantine.
     */
    private CompletionStage<HttpResponse> replace(DataSourceSpec dataSource, Map<String, String> parameters,
                                                  HttpEntity entity) {
        if (RequestStreams.isMultipart(entity) || !RequestStreams.hasData(entity)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "mode=replace takes the new rows as the raw request "
                    + "body (CSV or NDJSON with format=ndjson)");
        }
        String importId = Ulid.next();
        String condition = parameters.get("replace_condition");
        boolean parquet = ParquetBodies.isParquet(parameters.get("format"), null, null);
        IngestService.Format format = parquet ? IngestService.Format.NDJSON
                : format(parameters.get("format"), null, dataSource);
        InputStream body = RequestStreams.inputStream(entity, materializer);
        CsvDialect dialect = dialect(parameters);
        long start = System.nanoTime();
        CompletionStage<IngestResult> result = CompletableFuture.supplyAsync(() -> {
            ParsedRows parsed = ingest.parse(dataSource, parquet ? ParquetBodies.asNdjson(dataSource, body) : body,
                    format, dialect);
            var table = dataSources.localTable(dataSource);
            long before = table.statistics().rowCount();
            long written;
            if (condition == null || condition.isBlank()) {
                rewriter.replaceAll(table, parsed.blocks());
                written = parsed.blocks().stream().mapToLong(block -> block.rowCount()).sum();
            } else {
                written = rewriter.replaceWhere(table, parsed.blocks(), condition);
            }
            ingest.quarantine(dataSource, parsed, importId);
            if (serviceLog != null) {
                Map<String, String> options = new java.util.LinkedHashMap<>();
                options.put("rows_before_replace", Long.toString(before));
                if (condition != null) {
                    options.put("replace_condition", condition);
                }
                options.put("source", "body");
                serviceLog.operation("replace", dataSource.getId(), dataSource.getName(), null,
                        (System.nanoTime() - start) / 1e9, importId, null, importId, table.statistics().rowCount(),
                        (long) parsed.quarantined().size(), options);
            }
            return new IngestResult(importId, written, parsed.quarantined().size(), parsed.invalidLines());
        }, blockingIo);
        return respond(dataSource, importId, result);
    }

    private CompletionStage<HttpResponse> rename(String name, Map<String, String> parameters) {
        return dataSources.rename(name, parameters.get("name")).thenCompose(renamed -> {
            if (serviceLog != null) {
                serviceLog.operation("rename", renamed.getId(), renamed.getName(), null, 0, null, null, Ulid.next(),
                        null, null, Map.of("old_name", name, "new_name", renamed.getName()));
            }
            return dataSources.statistics(renamed)
                    .thenApply(statistics -> Json.ok(DataSourceJson.render(renamed, statistics)));
        });
    }

    private CompletionStage<HttpResponse> alter(String name, Map<String, String> parameters) {
        boolean dry = "true".equalsIgnoreCase(parameters.get("dry"));
        if (!parameters.containsKey("schema") && !parameters.containsKey("description")) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to alter: pass schema=<the full new schema, "
                    + "new columns at the end> or description=...");
        }
        return dataSources.alter(name, parameters.get("schema"), parameters.get("description"), dry).thenApply(altered -> {
            if (!dry && serviceLog != null) {
                serviceLog.operation("alter", altered.dataSource().getId(), altered.dataSource().getName(), null, 0,
                        null, null, Ulid.next(), null, null, Map.of("operations", String.join(", ", altered.operations())));
            }
            ObjectNode json = Json.object();
            ArrayNode operations = json.putArray("operations");
            altered.operations().forEach(operations::add);
            json.set("datasource", DataSourceJson.render(altered.dataSource(), null));
            return Json.ok(json);
        });
    }

    /** POST /v0/datasources/{name}/delete: a delete_data job (dry_run=true counts the rows without deleting). */
    private CompletionStage<HttpResponse> deleteRows(String name, Map<String, String> parameters, String baseUrl) {
        String condition = parameters.get("delete_condition");
        if (condition == null || condition.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The delete_condition parameter is required, e.g. "
                    + "delete_condition=(country='ES')");
        }
        boolean dryRun = "true".equalsIgnoreCase(parameters.get("dry_run"));
        return dataSources.require(name).thenCompose(dataSource -> {
            if (dryRun) {
                return CompletableFuture.supplyAsync(() -> {
                    long rows = rewriter.countWhere(dataSources.localTable(dataSource), condition);
                    return Json.ok(Json.object().put("rows_to_be_deleted", rows));
                }, blockingIo);
            }
            return jobs.start("delete_data", dataSource, Map.of("delete_condition", condition), job -> {
                long start = System.nanoTime();
                var table = dataSources.localTable(dataSource);
                long before = table.statistics().rowCount();
                String error = null;
                try {
                    long deleted = rewriter.deleteWhere(table, condition);
                    return Map.of("rows_deleted", Long.toString(deleted));
                } catch (RuntimeException e) {
                    error = ApiErrors.unwrap(e).getMessage();
                    throw e;
                } finally {
                    if (serviceLog != null) {
                        serviceLog.operation("delete_data", dataSource.getId(), dataSource.getName(), error,
                                (System.nanoTime() - start) / 1e9, null, job.getId(), job.getId(), before, null,
                                Map.of("delete_condition", condition));
                    }
                }
            }).thenApply(job -> {
                ObjectNode json = Json.object();
                json.put("id", job.getId());
                json.put("job_id", job.getId());
                json.put("delete_id", job.getId());
                json.put("job_url", baseUrl + "/v0/jobs/" + job.getId());
                json.set("job", Jobs.render(job, baseUrl));
                json.putObject("datasource").put("id", dataSource.getId()).put("name", dataSource.getName());
                json.put("status", job.getStatus());
                return Json.ok(json);
            });
        });
    }

    private CompletionStage<HttpResponse> append(DataSourceSpec dataSource, Map<String, String> parameters,
                                                 HttpEntity entity) {
        String importId = Ulid.next();
        CsvDialect dialect = dialect(parameters);
        CompletionStage<IngestResult> result;
        if (RequestStreams.isMultipart(entity)) {
            result = appendMultipart(dataSource, parameters, entity, dialect, importId);
        } else if (!RequestStreams.hasData(entity)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to append to [" + dataSource.getName()
                    + "]: send the rows in the body, or as multipart csv=@file or ndjson=@file");
        } else if (ParquetBodies.isParquet(parameters.get("format"), null, null)) {
            InputStream body = RequestStreams.inputStream(entity, materializer);
            result = CompletableFuture.supplyAsync(() -> ingest.ingest(dataSource,
                    ParquetBodies.asNdjson(dataSource, body), IngestService.Format.NDJSON, dialect, importId), blockingIo);
        } else {
            IngestService.Format format = format(parameters.get("format"), null, dataSource);
            InputStream body = RequestStreams.inputStream(entity, materializer);
            result = CompletableFuture.supplyAsync(
                    () -> ingest.ingest(dataSource, body, format, dialect, importId), blockingIo);
        }
        long start = System.nanoTime();
        if (serviceLog != null) {
            result = result.whenComplete((done, failure) -> serviceLog.operation("append", dataSource.getId(),
                    dataSource.getName(), failure == null ? null : ApiErrors.unwrap(failure).getMessage(),
                    (System.nanoTime() - start) / 1e9, importId, null, importId,
                    done == null ? null : done.successfulRows(), done == null ? null : done.quarantinedRows(),
                    Map.of("source", RequestStreams.isMultipart(entity) ? "multipart" : "body")));
        }
        return respond(dataSource, importId, result);
    }

    private CompletionStage<HttpResponse> respond(DataSourceSpec dataSource, String importId,
                                                  CompletionStage<IngestResult> result) {
        return result.thenCompose(done -> dataSources.statistics(dataSource).thenApply(statistics -> {
            ObjectNode json = Json.object();
            json.put("id", importId);
            json.put("import_id", importId);
            json.set("datasource", DataSourceJson.render(dataSource, statistics));
            String error = done.errorText();
            if (error == null) {
                json.put("error", false);
            } else {
                json.put("error", error);
            }
            json.put("quarantine_rows", done.quarantinedRows());
            json.put("invalid_lines", done.invalidLines());
            return Json.ok(json);
        }));
    }

    /** Ingests every file part (csv, ndjson, or another name with the data source's format), in order. */
    private CompletionStage<IngestResult> appendMultipart(DataSourceSpec dataSource, Map<String, String> parameters,
                                                          HttpEntity entity, CsvDialect dialect, String importId) {
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                .thenCompose(form -> form.getParts()
                        .<Optional<IngestResult>>mapAsync(1, part -> {
                            if (!isFilePart(part)) {
                                return part.getEntity().discardBytes(materializer).completionStage()
                                        .thenApply(done -> Optional.<IngestResult>empty());
                            }
                            InputStream body = RequestStreams.inputStream(part.getEntity(), materializer);
                            if (ParquetBodies.isParquet(parameters.get("format"), part.getName(),
                                    part.getFilename().orElse(null))) {
                                return CompletableFuture.supplyAsync(() -> Optional.of(ingest.ingest(dataSource,
                                        ParquetBodies.asNdjson(dataSource, body), IngestService.Format.NDJSON, dialect,
                                        importId)), blockingIo);
                            }
                            IngestService.Format format = format(parameters.get("format"), part.getName(), dataSource);
                            return CompletableFuture.supplyAsync(() -> Optional.of(
                                    ingest.ingest(dataSource, body, format, dialect, importId)), blockingIo);
                        })
                        .runWith(Sink.<Optional<IngestResult>>seq(), materializer))
                .thenApply(results -> {
                    IngestResult total = new IngestResult(importId, 0, 0, 0);
                    boolean any = false;
                    for (Optional<IngestResult> result : results) {
                        if (result.isPresent()) {
                            total = total.plus(result.get());
                            any = true;
                        }
                    }
                    if (!any) {
                        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The multipart body has no file to "
                                + "append; send it as csv=@file.csv or ndjson=@file.ndjson");
                    }
                    return total;
                });
    }

    private static boolean isFilePart(Multipart.FormData.BodyPart part) {
        String name = part.getName();
        return name.equals("csv") || name.equals("ndjson") || name.equals("parquet") || name.equals("file")
                || part.getFilename().isPresent();
    }

    /**
     * The body's format: the multipart field name (csv=, ndjson=), else the {@code format} parameter, else CSV —
     * Tinybird's default, whatever format the data source was created with (jsonpaths only apply to NDJSON).
     */
    private static IngestService.Format format(String parameter, String partName, DataSourceSpec dataSource) {
        String format = partName != null && (partName.equals("csv") || partName.equals("ndjson")) ? partName
                : parameter != null && !parameter.isBlank() ? parameter : "csv";
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> IngestService.Format.CSV;
            case "ndjson", "json" -> IngestService.Format.NDJSON;
            default -> throw new StarlingException(ErrorCode.UNKNOWN_FORMAT, "Format [" + format
                    + "] is not supported for appends yet; use format=csv, format=ndjson or format=parquet");
        };
    }

    private static CsvDialect dialect(Map<String, String> parameters) {
        char delimiter = single(parameters.get("dialect_delimiter"), "dialect_delimiter");
        char escape = single(parameters.get("dialect_escapechar"), "dialect_escapechar");
        String newLine = parameters.get("dialect_new_line");
        if (delimiter == 0 && escape == 0 && newLine == null) {
            return CsvDialect.GUESS;
        }
        return new CsvDialect(delimiter, escape, newLine);
    }

    private static char single(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        String unescaped = value.equals("\\t") ? "\t" : value;
        if (unescaped.length() != 1) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Parameter " + parameter + " must be one character, got ["
                    + value + "]");
        }
        return unescaped.charAt(0);
    }

    private CompletionStage<HttpResponse> list(Principal principal) {
        List<DataSourceSpec> all = catalog.current().getDataSourcesList();
        List<CompletableFuture<ObjectNode>> rendered = new ArrayList<>();
        for (DataSourceSpec dataSource : all) {
            if (!principal.canRead(dataSource.getName(), dataSource.getId()) && !principal.canCreateDataSources()) {
                continue;
            }
            rendered.add(dataSources.statistics(dataSource)
                    .thenApply(statistics -> DataSourceJson.render(dataSource, statistics)).toCompletableFuture());
        }
        return CompletableFuture.allOf(rendered.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ArrayNode array = Json.MAPPER.createArrayNode();
            rendered.forEach(future -> array.add(future.join()));
            ObjectNode json = Json.object();
            json.set("datasources", array);
            return Json.ok(json);
        });
    }

    private CompletionStage<HttpResponse> describe(Principal principal, String name) {
        return dataSources.require(name).thenCompose(dataSource -> {
            ApiProblem.require(principal.canRead(dataSource.getName(), dataSource.getId())
                    || principal.canCreateDataSources(), "It needs DATASOURCES:READ:" + dataSource.getName() + " or ADMIN.");
            return dataSources.statistics(dataSource)
                    .thenApply(statistics -> Json.ok(DataSourceJson.render(dataSource, statistics)));
        });
    }

    private CompletionStage<HttpResponse> drop(Principal principal, String name) {
        return dataSources.require(name).thenCompose(dataSource -> {
            ApiProblem.require(principal.canDrop(dataSource.getName(), dataSource.getId()),
                    "It needs DATASOURCES:DROP:" + dataSource.getName() + " or ADMIN.");
            return dataSources.drop(name);
        }).thenApply(dropped -> {
            if (serviceLog != null) {
                serviceLog.operation("delete", dropped.getId(), dropped.getName(), null, 0, null, null, Ulid.next(),
                        null, null, Map.of());
            }
            return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
        });
    }

    private CompletionStage<HttpResponse> truncate(String name) {
        // 200 with a body rather than 205: Pekko renders 205 without Content-Length and clients then wait for a body.
        return dataSources.truncate(name).thenCompose(dataSource -> {
            if (serviceLog != null) {
                serviceLog.operation("truncate", dataSource.getId(), name, null, 0, null, null, Ulid.next(), null, null,
                        Map.of());
            }
            return dataSources.statistics(dataSource)
                .thenApply(statistics -> Json.ok(DataSourceJson.render(dataSource, statistics)));
        });
    }
}
