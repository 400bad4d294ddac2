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
    private final DataSourceDrops drops;
    /** Imports per workspace (spec §1.2.1: 5/min in Tinybird Cloud; {@code imports-per-minute} here). */
    private final RateLimiter rateLimiter = new RateLimiter();

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
        this.urlImports = new UrlImports(dataSources, ingest, jobs, blockingIo, rewriter, serviceLog, catalog);
        this.analyze = new AnalyzeRoute(authenticator, urlImports, blockingIo, materializer);
        this.drops = new DataSourceDrops(catalog, dataSources, serviceLog);
    }

    private static final String NEEDS_CREATE = "It needs DATASOURCES:CREATE or ADMIN.";

    public Route route() {
        return concat(analyze.route(), dataSourcesRoute());
    }

    /** The node's API limits (the Events API's rate-limit headers are applied around its route with these). */
    ApiLimits limits() {
        return limits;
    }

    private Route dataSourcesRoute() {
        return pathPrefix("v0", () -> pathPrefix("datasources", () -> authenticated(principal -> concat(
                pathEndOrSingleSlash(() -> concat(
                        post(() -> extractUri(uri -> withParameters((parameters, entity) ->
                                importOrCreate(principal, parameters, entity, baseUrl(uri))))),
                        get(() -> requireThen(principal.canListDataSources(), "It needs DATASOURCES:READ or ADMIN.",
                                () -> parameterOptional("attrs", attrs -> completeWithFuture(list(principal,
                                        attrs.orElse(null)))))))),
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
                        get(() -> parameterOptional("attrs", attrs -> completeWithFuture(describe(principal, name,
                                attrs.orElse(null))))),
                        put(() -> requireThen(principal.canCreateDataSources(), NEEDS_CREATE,
                                () -> withParameters((parameters, entity) -> completeWithFuture(rename(name, parameters))))),
                        delete(() -> parameterOptional("dry_run", dryRun -> parameterOptional("force", force ->
                                completeWithFuture("true".equalsIgnoreCase(dryRun.orElse(""))
                                        ? drops.dryRun(principal, name)
                                        : drops.drop(principal, name, "true".equalsIgnoreCase(force.orElse("")))))))))))));
    }

    private Route requireThen(boolean allowed, String needed, java.util.function.Supplier<Route> inner) {
        return allowed ? inner.get() : complete(Json.error(StatusCodes.FORBIDDEN, FORBIDDEN + " " + needed));
    }

    private static String baseUrl(org.apache.pekko.http.javadsl.model.Uri uri) {
        return uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "");
    }

    /**
     * Query parameters, plus form fields when the body is a form of API parameters ({@code curl -d name=... -d
     * schema=...}). curl sends every {@code -d} / {@code --data-binary @rows.csv} body with the form content type,
     * so a form-typed body that is not {@code key=value&...} of known parameters is the data itself (CSV, NDJSON
     * by {@code format}), as Tinybird reads it.
     */
    private Route withParameters(java.util.function.BiFunction<Map<String, String>, HttpEntity, Route> inner) {
        return parameterMap(query -> extractRequestEntity(entity -> {
            if (!RequestStreams.isForm(entity)) {
                return inner.apply(query, entity);
            }
            java.util.OptionalLong length = entity.getContentLengthOption();
            if (length.isPresent() && length.getAsLong() > MAX_FORM_BYTES) {
                return inner.apply(query, entity);
            }
            if (length.isEmpty()) {
                return onSuccess(peekForm(entity), peeked -> peeked.form() == null
                        ? inner.apply(query, peeked.data()) : inner.apply(merge(query, peeked.form()), HttpEntities.EMPTY));
            }
            return onSuccess(entity.toStrict(RequestStreams.READ_TIMEOUT.toMillis(), MAX_FORM_BYTES, materializer),
                    strict -> {
                        String body = strict.getData().utf8String();
                        return ParameterForms.isParameterForm(body) ? inner.apply(merge(query, FormBodies.parse(body.strip())),
                                HttpEntities.EMPTY) : inner.apply(query, strict);
                    });
        }));
    }

    private static Map<String, String> merge(Map<String, String> query, Map<String, String> form) {
        Map<String, String> merged = new HashMap<>(query);
        merged.putAll(form);
        return merged;
    }

    /** A form-typed body of unknown length: its fields, or (form null) the body as data. */
    private record Peeked(Map<String, String> form, HttpEntity data) {
    }

    /**
     * Looks at the first chunk of a chunked form-typed body: when it starts like a form of API parameters the
     * whole body is read as one (at most {@link #MAX_FORM_BYTES}); otherwise the body streams on as data.
     */
    private CompletionStage<Peeked> peekForm(HttpEntity entity) {
        return entity.getDataBytes().prefixAndTail(1)
                .runWith(Sink.head(), materializer)
                .thenCompose(pair -> {
                    org.apache.pekko.util.ByteString first = pair.first().isEmpty()
                            ? org.apache.pekko.util.ByteString.emptyByteString() : pair.first().get(0);
                    var rest = pair.second();
                    if (!ParameterForms.startsLikeParameterForm(first.utf8String())) {
                        return CompletableFuture.completedFuture(new Peeked(null, HttpEntities.createChunked(
                                entity.getContentType(), org.apache.pekko.stream.javadsl.Source.single(first).concat(rest))));
                    }
                    return rest.limitWeighted(MAX_FORM_BYTES, bytes -> (long) bytes.size())
                            .runFold(first, org.apache.pekko.util.ByteString::concat, materializer)
                            .thenApply(all -> {
                                String body = all.utf8String();
                                if (!ParameterForms.isParameterForm(body)) {
                                    return new Peeked(null, HttpEntities.create(entity.getContentType(), all.toArray()));
                                }
                                return new Peeked(FormBodies.parse(body.strip()), HttpEntities.EMPTY);
                            });
                });
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
        boolean withData = parameters.containsKey("url") || RequestStreams.hasData(entity);
        // create from a schema alone is not an import (Tinybird meters it apart, 25/min)
        List<org.apache.pekko.http.javadsl.model.HttpHeader> rateHeaders = withData || !mode.equals("create")
                ? RateLimits.imports(rateLimiter, limits) : RateLimiter.unlimited().headers();
        boolean progress = "true".equalsIgnoreCase(parameters.get("progress")) && !parameters.containsKey("url")
                && RequestStreams.hasData(entity);
        ProgressLines lines = progress ? new ProgressLines(materializer) : null;
        ImportLog log = ImportLog.of(parameters, lines == null ? null : lines::line);
        CompletionStage<HttpResponse> response;
        try {
            response = start(principal, mode, parameters, entity, baseUrl, log);
        } catch (RuntimeException e) {
            if (lines != null) {
                lines.abandon();
            }
            throw e;
        }
        response = response.whenComplete((ignored, failure) -> {
            if (failure != null) {
                entity.discardBytes(materializer);
            }
        });
        if (lines != null) {
            CompletionStage<HttpResponse> answer = response;
            return respondWithHeaders(rateHeaders, () -> complete(lines.stream(answer)));
        }
        CompletionStage<HttpResponse> answer = response;
        return respondWithHeaders(rateHeaders, () -> completeWithFuture(answer));
    }

    private CompletionStage<HttpResponse> start(Principal principal, String mode, Map<String, String> parameters,
                                                HttpEntity entity, String baseUrl, ImportLog log) {
        return parameters.containsKey("url")
                ? urlImports.start(principal, mode, parameters, dialect(parameters), baseUrl)
                : switch (mode) {
            case "create" -> {
                ApiProblem.require(principal.canCreateDataSources(), NEEDS_CREATE);
                refuseExisting(catalog, parameters.get("name"));
                yield create(parameters, entity, log);
            }
            case "append" -> appendOrCreate(principal, parameters, entity, log);
            case "replace" -> {
                ApiProblem.require(principal.canCreateDataSources(), NEEDS_CREATE);
                yield dataSources.require(parameters.get("name"))
                        .thenCompose(dataSource -> replace(dataSource, parameters, entity, log));
            }
            default -> CompletableFuture.failedFuture(new StarlingException(ErrorCode.BAD_ARGUMENTS,
                    "Unknown mode [" + mode + "]; use mode=create, mode=append or mode=replace"));
        };
    }

    /**
     * mode=create of a name that exists: 409, as with a schema (the catalog refuses that one), rather than appending
     * the data to the existing data source. (A data source created meanwhile by another request is still joined.)
     */
    static void refuseExisting(CatalogView catalog, String name) {
        if (name != null && !name.isBlank() && catalog.dataSource(name.strip()).isPresent()) {
            throw new StarlingException(ErrorCode.TABLE_ALREADY_EXISTS, "Data source [" + name.strip()
                    + "] already exists. Use mode=append to add rows to it, or drop it first");
        }
    }

    /**
     * mode=append: into the named data source; a missing one is created from the data (guessed schema, or the
     * schema parameter) when the token may create data sources (spec §1.2.1: "it will also create it").
     */
    private CompletionStage<HttpResponse> appendOrCreate(Principal principal, Map<String, String> parameters,
                                                         HttpEntity entity, ImportLog log) {
        String name = parameters.get("name");
        return dataSources.require(name).handle((dataSource, failure) -> {
            if (failure == null) {
                ApiProblem.require(principal.canAppend(dataSource.getName(), dataSource.getId()), "Appending to ["
                        + dataSource.getName() + "] needs DATASOURCES:APPEND:" + dataSource.getName()
                        + ", DATASOURCES:CREATE or ADMIN.");
                return append(dataSource, parameters, entity, log);
            }
            if (io.starling.node.ingest.GuessedDataSources.isMissing(failure) && principal.canCreateDataSources()
                    && name != null && !name.isBlank()) {
                return create(parameters, entity, log);
            }
            return CompletableFuture.<HttpResponse>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<HttpResponse> create(Map<String, String> parameters, HttpEntity entity, ImportLog log) {
        if (!parameters.containsKey("schema")) {
            if (!RequestStreams.hasData(entity)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Creating a data source needs schema=<column Type, "
                        + "...>, or data to guess it from: a body, csv=@file / ndjson=@file, or url=...");
            }
            return createFromData(parameters, entity, log);
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
                return append(created, parameters, entity, log);
            }
            return dataSources.statistics(created).thenApply(statistics ->
                    Json.ok(Json.object().set("datasource", DataSourceJson.render(created, statistics))));
        });
    }

    /**
     * mode=create without a schema: guesses it from the first megabyte of the body (raw, or the first file of a
     * multipart body), creates the data source, then streams all the rows into it.
     */
    private CompletionStage<HttpResponse> createFromData(Map<String, String> parameters, HttpEntity entity,
                                                         ImportLog log) {
        String importId = Ulid.next();
        log.status("processing");
        CsvDialect dialect = dialect(parameters);
        boolean typeGuessing = !"false".equalsIgnoreCase(parameters.get("type_guessing"));
        CompletionStage<Map.Entry<String, InputStream>> body = bodyOf(entity, log);
        String name = parameters.get("name");
        return body.thenCompose(part -> CompletableFuture.supplyAsync(() -> {
            try {
                java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(
                        io.starling.node.ingest.RequestBodies.gunzipIfCompressed(part.getValue()), UrlImports.SAMPLE_BYTES + 1);
                String declared = !part.getKey().isEmpty() ? part.getKey() : parameters.get("format");
                if (declared != null && !declared.isBlank() ? declared.strip().equalsIgnoreCase("parquet")
                        : ParquetBodies.startsLikeParquet(buffered)) {
                    return createFromParquet(name, importId, buffered, dialect, typeGuessing, log);
                }
                IngestService.Format format = declared != null && !declared.isBlank()
                        ? format(declared, null, null) : sniff(buffered);
                log.status("guessing");
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
                IngestResult result = ingest.ingest(created, buffered, format, dialect, importId, log);
                return Map.entry(created, result);
            } catch (java.io.IOException e) {
                throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the body: " + e.getMessage(), e);
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }, blockingIo)).thenCompose(done -> respond(done.getKey(), importId,
                CompletableFuture.completedFuture(done.getValue()), log));
    }

    /**
     * The data of a raw body, or of the first file of a multipart one, with the format its field or file name says
     * ({@code parquet}, {@code ndjson}, {@code csv}; empty when it says nothing).
     */
    private CompletionStage<Map.Entry<String, InputStream>> bodyOf(HttpEntity entity, ImportLog log) {
        if (!RequestStreams.isMultipart(entity)) {
            return CompletableFuture.completedFuture(Map.entry("", log.count(RequestStreams.inputStream(entity,
                    materializer))));
        }
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
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
                    return Map.entry(kind, log.count(RequestStreams.inputStream(file.getEntity(), materializer)));
                });
    }

    /** mode=create from a Parquet body: the schema from the file's, then every row (blocking). */
    private Map.Entry<DataSourceSpec, IngestResult> createFromParquet(String name, String importId, InputStream body,
                                                                     CsvDialect dialect, boolean typeGuessing,
                                                                     ImportLog log) {
        io.starling.sql.format.parquet.ParquetFile file = ParquetBodies.spool(body);
        try {
            log.status("guessing");
            var guess = ParquetBodies.guess(file, typeGuessing);
            DataSourceSpec created = io.starling.node.ingest.GuessedDataSources.create(dataSources,
                    name == null || name.isBlank() ? "imported_" + importId.toLowerCase(Locale.ROOT) : name, guess,
                    "parquet").toCompletableFuture().join();
            if (serviceLog != null) {
                serviceLog.operation("create", created.getId(), created.getName(), null, 0, null, null, importId,
                        null, null, Map.of("source", "guessed"));
            }
            return Map.entry(created, ingest.ingestParquet(created, file, importId, log));
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
                                                  HttpEntity entity, ImportLog log) {
        if (!RequestStreams.hasData(entity)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "mode=replace takes the new rows as the request body "
                    + "(raw CSV, NDJSON with format=ndjson, Parquet with format=parquet) or as csv=@file / ndjson=@file");
        }
        String importId = Ulid.next();
        String condition = parameters.get("replace_condition");
        CsvDialect dialect = dialect(parameters);
        long start = System.nanoTime();
        log.status("processing");
        CompletionStage<IngestResult> result = bodyOf(entity, log).thenApplyAsync(part -> {
            String declared = !part.getKey().isEmpty() ? part.getKey() : parameters.get("format");
            boolean parquet = ParquetBodies.isParquet(declared, null, null);
            InputStream body = part.getValue();
            ParsedRows parsed = parquet ? ingest.parseParquet(dataSource, ParquetBodies.spool(body))
                    : ingest.parse(dataSource, body, format(declared, null, dataSource), dialect);
            TableRewriter.Outcome outcome = rewriter.replace(dataSources, dataSource, parsed.blocks(), condition);
            long before = outcome.rowsBefore();
            long written = outcome.rows();
            ingest.quarantine(dataSource, parsed, importId);
            if (serviceLog != null) {
                Map<String, String> options = new java.util.LinkedHashMap<>();
                options.put("rows_before_replace", Long.toString(before));
                if (condition != null) {
                    options.put("replace_condition", condition);
                }
                options.put("source", "body");
                serviceLog.operation("replace", dataSource.getId(), dataSource.getName(), null,
                        (System.nanoTime() - start) / 1e9, importId, null, importId, outcome.rowsAfter(),
                        (long) parsed.quarantined().size(), options);
            }
            return new IngestResult(importId, written, parsed.quarantined().size(), parsed.invalidLines());
        }, blockingIo);
        return respond(dataSource, importId, result, log);
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

    /**
     * POST /v0/datasources/{name}/alter (spec data-plane §1.2.4): schema (new columns at the end), description,
     * ttl (an expression, {@code 12 hours}, or {@code false} to remove it), kafka_store_raw_value, dry.
     */
    private CompletionStage<HttpResponse> alter(String name, Map<String, String> parameters) {
        boolean dry = "true".equalsIgnoreCase(parameters.get("dry"));
        DataSourceService.Alteration alteration = new DataSourceService.Alteration(parameters.get("schema"),
                parameters.get("description"), parameters.get("ttl"), parameters.get("kafka_store_raw_value"));
        if (alteration.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to alter: pass schema=<the full new schema, "
                    + "new columns at the end>, description=..., ttl=<a TTL expression, or false to remove it> or "
                    + "kafka_store_raw_value=true|false");
        }
        return dataSources.alter(name, alteration, dry).thenApply(altered -> {
            if (!dry && serviceLog != null) {
                DataSourceDependencies dependencies = DataSourceDependencies.of(altered.dataSource(),
                        catalog.current().getPipesList());
                serviceLog.operation("alter", altered.dataSource().getId(), altered.dataSource().getName(), null, 0,
                        null, null, Ulid.next(), null, null, Map.of("operations", String.join(", ", altered.operations()),
                                "dependencies", String.join(", ", dependencies.readers().stream()
                                        .map(io.starling.protocol.catalog.PipeSpec::getName).toList())));
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
            // a condition that cannot run (unknown column, syntax) is a 400 now, not a failed job later
            rewriter.validate(columns(dataSource), condition);
            if (dryRun) {
                return CompletableFuture.supplyAsync(() -> {
                    long rows = rewriter.countWhere(dataSources.localTable(dataSource), condition);
                    return Json.ok(Json.object().put("rows_to_be_deleted", rows));
                }, blockingIo);
            }
            return jobs.start("delete_data", dataSource, Map.of("delete_condition", condition), job -> {
                long start = System.nanoTime();
                Long before = null;
                String error = null;
                try {
                    TableRewriter.Outcome outcome = rewriter.delete(dataSources, dataSource, condition);
                    before = outcome.rowsBefore();
                    long deleted = outcome.rows();
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

    private static List<io.starling.storage.engine.ColumnDefinition> columns(DataSourceSpec dataSource) {
        return dataSource.getColumnsList().stream().map(column -> new io.starling.storage.engine.ColumnDefinition(
                column.getName(), io.starling.storage.type.DataTypes.parseStored(column.getType()))).toList();
    }

    private CompletionStage<HttpResponse> append(DataSourceSpec dataSource, Map<String, String> parameters,
                                                 HttpEntity entity, ImportLog log) {
        String importId = Ulid.next();
        log.status("processing");
        CsvDialect dialect = dialect(parameters);
        CompletionStage<IngestResult> result;
        if (RequestStreams.isMultipart(entity)) {
            result = appendMultipart(dataSource, parameters, entity, dialect, importId, log);
        } else if (!RequestStreams.hasData(entity)) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to append to [" + dataSource.getName()
                    + "]: send the rows in the body, or as multipart csv=@file or ndjson=@file");
        } else if (ParquetBodies.isParquet(parameters.get("format"), null, null)) {
            InputStream body = log.count(RequestStreams.inputStream(entity, materializer));
            result = CompletableFuture.supplyAsync(() -> ingest.ingestParquet(dataSource,
                    ParquetBodies.spool(body), importId, log), blockingIo);
        } else {
            IngestService.Format format = format(parameters.get("format"), null, dataSource);
            InputStream body = log.count(RequestStreams.inputStream(entity, materializer));
            result = CompletableFuture.supplyAsync(
                    () -> ingest.ingest(dataSource, body, format, dialect, importId, log), blockingIo);
        }
        long start = System.nanoTime();
        if (serviceLog != null) {
            result = result.whenComplete((done, failure) -> serviceLog.operation("append", dataSource.getId(),
                    dataSource.getName(), failure == null ? null : ApiErrors.unwrap(failure).getMessage(),
                    (System.nanoTime() - start) / 1e9, importId, null, importId,
                    done == null ? null : done.successfulRows(), done == null ? null : done.quarantinedRows(),
                    Map.of("source", RequestStreams.isMultipart(entity) ? "multipart" : "body")));
        }
        return respond(dataSource, importId, result, log);
    }

    private CompletionStage<HttpResponse> respond(DataSourceSpec dataSource, String importId,
                                                  CompletionStage<IngestResult> result, ImportLog log) {
        return result.thenCompose(done -> dataSources.statistics(dataSource).thenApply(statistics -> {
            log.status("done");
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
            log.addTo(json, done);
            return Json.ok(json);
        }));
    }

    /** Ingests every file part (csv, ndjson, or another name with the data source's format), in order. */
    private CompletionStage<IngestResult> appendMultipart(DataSourceSpec dataSource, Map<String, String> parameters,
                                                          HttpEntity entity, CsvDialect dialect, String importId,
                                                          ImportLog log) {
        return Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                .thenCompose(form -> form.getParts()
                        .<Optional<IngestResult>>mapAsync(1, part -> {
                            if (!isFilePart(part)) {
                                return part.getEntity().discardBytes(materializer).completionStage()
                                        .thenApply(done -> Optional.<IngestResult>empty());
                            }
                            InputStream body = log.count(RequestStreams.inputStream(part.getEntity(), materializer));
                            if (ParquetBodies.isParquet(parameters.get("format"), part.getName(),
                                    part.getFilename().orElse(null))) {
                                return CompletableFuture.supplyAsync(() -> Optional.of(ingest.ingestParquet(
                                        dataSource, ParquetBodies.spool(body), importId, log)), blockingIo);
                            }
                            IngestService.Format format = format(parameters.get("format"), part.getName(), dataSource);
                            return CompletableFuture.supplyAsync(() -> Optional.of(
                                    ingest.ingest(dataSource, body, format, dialect, importId, log)), blockingIo);
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

    /**
     * {@code attrs=name,id,...} keeps only those fields of a rendered data source (spec §1.2.3); empty or absent
     * keeps all.
     */
    private static ObjectNode attributes(ObjectNode rendered, String attrs) {
        if (attrs == null || attrs.isBlank()) {
            return rendered;
        }
        List<String> wanted = java.util.Arrays.stream(attrs.split(",")).map(String::strip)
                .filter(attribute -> !attribute.isEmpty()).toList();
        return wanted.isEmpty() ? rendered : rendered.retain(wanted);
    }

    private CompletionStage<HttpResponse> list(Principal principal, String attrs) {
        List<DataSourceSpec> all = catalog.current().getDataSourcesList();
        var pipes = DataSourceDependencies.load(catalog.current().getPipesList());
        List<CompletableFuture<ObjectNode>> rendered = new ArrayList<>();
        for (DataSourceSpec dataSource : all) {
            if (!principal.canRead(dataSource.getName(), dataSource.getId()) && !principal.canCreateDataSources()) {
                continue;
            }
            rendered.add(dataSources.statistics(dataSource)
                    .thenApply(statistics -> attributes(DataSourceJson.render(dataSource, statistics,
                            DataSourceDependencies.of(dataSource, pipes).all()), attrs))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(rendered.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ArrayNode array = Json.MAPPER.createArrayNode();
            rendered.forEach(future -> array.add(future.join()));
            ObjectNode json = Json.object();
            json.set("datasources", array);
            return Json.ok(json);
        });
    }

    private CompletionStage<HttpResponse> describe(Principal principal, String name, String attrs) {
        return dataSources.require(name).thenCompose(dataSource -> {
            ApiProblem.require(principal.canRead(dataSource.getName(), dataSource.getId())
                    || principal.canCreateDataSources(), "It needs DATASOURCES:READ:" + dataSource.getName() + " or ADMIN.");
            List<io.starling.protocol.catalog.PipeSpec> usedBy =
                    DataSourceDependencies.of(dataSource, catalog.current().getPipesList()).all();
            return dataSources.statistics(dataSource)
                    .thenApply(statistics -> Json.ok(attributes(DataSourceJson.render(dataSource, statistics, usedBy),
                            attrs)));
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
