package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.datafiles.template.TemplateException;
import io.starling.node.auth.Principal;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.pipe.CopyPipes;
import io.starling.node.pipe.EndpointOpenApi;
import io.starling.node.pipe.Endpoints;
import io.starling.node.pipe.LoadedPipe;
import io.starling.node.pipe.PipeJson;
import io.starling.node.pipe.PipeRegistry;
import io.starling.node.service.ServiceDataSources;
import io.starling.node.service.ServiceLog;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The Pipes API: {@code GET /v0/pipes} (pipes with nodes, parameters and endpoint), {@code GET
 * /v0/pipes/openapi.json} (OpenAPI 3.0 of the readable endpoints), {@code GET|POST
 * /v0/pipes/{name}.json|.csv|.ndjson|.prometheus|.parquet} (run an endpoint; parameters from the URL or a form body,
 * overridden by a JWT's {@code fixed_params}; {@code q=} runs
 * SQL over the result as {@code _}), {@code GET /v0/pipes/{name}} (an endpoint's JSON, else the pipe object),
 * {@code DELETE /v0/pipes/{name}}, {@code POST /v0/pipes/{name}/copy} (or {@code /run}: start a copy job).
 * Every endpoint call writes a {@code tinybird.pipe_stats_rt} row.
 */
public final class PipesRoute extends ApiDirectives {
    private static final long MAX_FORM_BYTES = 2L * 1024 * 1024;
    private static final Map<String, String> FORMATS = Map.of("json", "JSON", "csv", "CSVWithNames",
            "ndjson", "JSONEachRow", "prometheus", "Prometheus", "parquet", "Parquet");

    private final PipeRegistry pipes;
    private final Endpoints endpoints;
    private final CopyPipes copies;
    private final TableProvider tables;
    private final Executor blockingIo;
    private final Materializer materializer;
    private final ApiLimits limits;
    private final ServiceLog serviceLog;
    /** Endpoint calls count like queries: sql-rps per token, a JWT's limits.rps per JWT (spec §1.0, §1.7.3). */
    private final RateLimiter rateLimiter = new RateLimiter();

    public PipesRoute(TokenAuthenticator authenticator, PipeRegistry pipes, Endpoints endpoints, CopyPipes copies,
                      TableProvider tables, Executor blockingIo, Materializer materializer, ApiLimits limits,
                      ServiceLog serviceLog) {
        super(authenticator);
        this.pipes = pipes;
        this.endpoints = endpoints;
        this.copies = copies;
        this.tables = tables;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
        this.limits = limits;
        this.serviceLog = serviceLog;
    }

    public Route route() {
        return pathPrefix("v0", () -> pathPrefix("pipes", () -> authenticated(principal -> extractUri(uri -> concat(
                pathEndOrSingleSlash(() -> get(() -> complete(Json.ok(list(principal, baseUrl(uri)))))),
                path("openapi.json", () -> get(() -> complete(Json.ok(openApi(principal, baseUrl(uri)))))),
                path(PathMatchers.segment().slash(PathMatchers.segment()), (name, action) ->
                        post(() -> withParameters(parameters -> completeWithFuture(action(principal, name, action,
                                parameters, baseUrl(uri)))))),
                path(PathMatchers.segment(), segment -> concat(
                        delete(() -> completeWithFuture(drop(principal, segment))),
                        get(() -> withParameters(parameters -> endpointOrInfo(principal, segment, parameters, "GET", uri))),
                        post(() -> withParameters(parameters -> endpointOrInfo(principal, segment, parameters, "POST",
                                uri))))))))));
    }

    private static String baseUrl(Uri uri) {
        return uri.scheme() + "://" + uri.host().address() + (uri.port() > 0 ? ":" + uri.port() : "");
    }

    /** URL parameters, plus the fields of a form body (POST). */
    private Route withParameters(Function<Map<String, String>, Route> inner) {
        return parameterMap(query -> extractRequestEntity(entity -> {
            if (RequestStreams.isForm(entity)) {
                return onSuccess(entity.toStrict(RequestStreams.READ_TIMEOUT.toMillis(), MAX_FORM_BYTES, materializer),
                        strict -> {
                            Map<String, String> merged = new HashMap<>(query);
                            merged.putAll(FormBodies.parse(strict.getData().utf8String()));
                            return inner.apply(merged);
                        });
            }
            return inner.apply(query);
        }));
    }

    private ObjectNode list(Principal principal, String baseUrl) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (LoadedPipe pipe : pipes.all()) {
            if (canRead(principal, pipe)) {
                array.add(PipeJson.render(pipe, baseUrl));
            }
        }
        ObjectNode json = Json.object();
        json.set("pipes", array);
        return json;
    }

    /** OpenAPI 3.0 of the endpoints this token may read. */
    private ObjectNode openApi(Principal principal, String baseUrl) {
        return EndpointOpenApi.render(pipes.all().stream().filter(pipe -> canRead(principal, pipe)).toList(), baseUrl);
    }

    /** The one scope check of pipes: PIPES:READ[:name] (or ADMIN, WORKSPACE:READ_ALL). */
    private static boolean canRead(Principal principal, LoadedPipe pipe) {
        return principal.canReadPipe(pipe.name(), pipe.spec().getId());
    }

    private Route endpointOrInfo(Principal principal, String segment, Map<String, String> parameters, String method,
                                 Uri uri) {
        int dot = segment.lastIndexOf('.');
        String extension = dot > 0 ? segment.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
        if (extension != null && FORMATS.containsKey(extension)) {
            return respondWithHeaders(RateLimits.query(rateLimiter, limits, principal), () -> completeWithFuture(
                    endpoint(principal, segment.substring(0, dot), FORMATS.get(extension), parameters, method, uri)));
        }
        LoadedPipe pipe = pipes.find(segment).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "Pipe [" + segment + "] does not exist; GET /v0/pipes lists the pipes"));
        ApiProblem.require(canRead(principal, pipe), "It needs PIPES:READ:" + pipe.name() + ".");
        if (pipe.type() == PipeType.ENDPOINT) {
            return respondWithHeaders(RateLimits.query(rateLimiter, limits, principal), () -> completeWithFuture(
                    endpoint(principal, segment, "JSON", parameters, method, uri)));
        }
        return complete(Json.ok(PipeJson.render(pipe, baseUrl(uri))));
    }

    private CompletionStage<HttpResponse> endpoint(Principal principal, String name, String format,
                                                   Map<String, String> parameters, String method, Uri uri) {
        long start = System.nanoTime();
        String requestId = Ulid.next();
        LoadedPipe[] called = new LoadedPipe[1];
        long[] counts = new long[3];
        return CompletableFuture.supplyAsync(() -> {
            LoadedPipe pipe = endpoints.require(name);
            called[0] = pipe;
            ApiProblem.require(canRead(principal, pipe), "It needs PIPES:READ:" + pipe.name() + ".");
            // JWT fixed_params always win over the URL's (spec data-plane §1.7.2, §3.4).
            Map<String, String> effective = parameters;
            Map<String, String> fixed = principal.fixedParams(pipe.name(), pipe.spec().getId());
            if (!fixed.isEmpty()) {
                effective = new HashMap<>(parameters);
                effective.putAll(fixed);
            }
            Endpoints.Answer answer = endpoints.call(pipe, effective, tables, limits.queryTimeout());
            counts[0] = answer.result().rowsRead();
            counts[1] = answer.result().bytesRead();
            counts[2] = answer.result().rowCount();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
            OutputFormats.write(format, answer.result(), answer.elapsedSeconds(), out);
            if (out.size() > limits.resultMaxBytes()) {
                throw new StarlingException(ErrorCode.TOO_MANY_ROWS, "The result is " + out.size() + " bytes; the "
                        + "limit is " + limits.resultMaxBytes() + " bytes. Add a LIMIT or aggregate the rows");
            }
            return HttpResponse.create().withEntity(HttpEntities.create(contentType(format), out.toByteArray()));
        }, blockingIo).handle((response, failure) -> {
            HttpResponse answered = failure == null ? response : failureResponse(failure, requestId);
            log(principal, called[0], name, method, uri, parameters, requestId, start, counts, answered, failure);
            return answered;
        });
    }

    /** Template errors answer their own status and body (error(), custom_error()); others as every API error. */
    private static HttpResponse failureResponse(Throwable failure, String requestId) {
        Throwable cause = ApiErrors.unwrap(failure);
        if (cause instanceof TemplateException template) {
            if (template.customBody() != null) {
                return Json.response(StatusCodes.get(template.httpStatus()), template.customBody());
            }
            return Json.error(StatusCodes.get(template.httpStatus()), template.getMessage());
        }
        return ApiErrors.toResponse(failure, requestId);
    }

    private void log(Principal principal, LoadedPipe pipe, String name, String method, Uri uri,
                     Map<String, String> parameters, String requestId, long startNanos, long[] counts,
                     HttpResponse response, Throwable failure) {
        if (serviceLog == null) {
            return;
        }
        Map<String, String> logged = new HashMap<>(parameters);
        logged.remove("token");
        String url = uri.toString().replaceAll("([?&])token=[^&]*&?", "$1");
        Map<String, Object> row = new HashMap<>();
        row.put("start_datetime", System.currentTimeMillis() / 1000);
        row.put("pipe_id", pipe == null ? name : pipe.spec().getId());
        row.put("pipe_name", pipe == null ? name : pipe.name());
        row.put("duration", (System.nanoTime() - startNanos) / 1e9);
        row.put("read_rows", counts[0]);
        row.put("read_bytes", counts[1]);
        row.put("result_rows", counts[2]);
        row.put("url", url);
        row.put("error", failure == null ? 0 : 1);
        row.put("request_id", requestId);
        row.put("token", principal.id());
        row.put("token_name", principal.name());
        row.put("status_code", response.status().intValue());
        row.put("method", method);
        row.put("parameters", logged);
        if (pipe != null) {
            row.put("resource_tags", pipe.file().tags());
        }
        serviceLog.append(ServiceDataSources.PIPE_STATS_RT, row);
        if (failure != null) {
            Map<String, Object> error = new HashMap<>();
            error.put("start_datetime", System.currentTimeMillis() / 1000);
            error.put("request_id", requestId);
            error.put("pipe_id", pipe == null ? name : pipe.spec().getId());
            error.put("pipe_name", pipe == null ? name : pipe.name());
            error.put("params", logged.toString());
            error.put("url", url);
            error.put("status_code", response.status().intValue());
            error.put("error", ApiErrors.unwrap(failure).getMessage());
            serviceLog.append(ServiceDataSources.ENDPOINT_ERRORS, error);
        }
    }

    private CompletionStage<HttpResponse> action(Principal principal, String name, String action,
                                                 Map<String, String> parameters, String baseUrl) {
        if (!action.equals("copy") && !action.equals("run")) {
            throw new StarlingException(ErrorCode.UNKNOWN_TABLE, "Unknown pipe action [" + action + "]; use POST "
                    + "/v0/pipes/" + name + "/copy to run a copy pipe");
        }
        ApiProblem.require(principal.canCreateDataSources(), "Running a copy needs DATASOURCES:CREATE or ADMIN.");
        LoadedPipe pipe = pipes.find(name).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "Pipe [" + name + "] does not exist; GET /v0/pipes lists the pipes"));
        Map<String, String> templateParameters = new HashMap<>(parameters);
        templateParameters.remove("token");
        String mode = templateParameters.remove("_mode");
        if (mode == null) {
            mode = templateParameters.remove("mode");
        }
        String finalMode = mode;
        return CompletableFuture.supplyAsync(() -> copies.start(pipe, templateParameters, finalMode, "manual"), blockingIo)
                .thenCompose(stage -> stage)
                .thenApply(job -> {
                    ObjectNode json = Json.object();
                    json.put("id", job.getId());
                    json.put("job_id", job.getId());
                    json.put("kind", "copy");
                    json.put("status", job.getStatus());
                    json.put("job_url", baseUrl + "/v0/jobs/" + job.getId());
                    json.set("job", Jobs.render(job, baseUrl));
                    json.put("pipe_id", pipe.spec().getId());
                    json.put("pipe_name", pipe.name());
                    return Json.ok(json);
                });
    }

    private CompletionStage<HttpResponse> drop(Principal principal, String name) {
        ApiProblem.require(principal.isAdmin(), "Dropping a pipe needs ADMIN.");
        return pipes.catalog().dropPipe(name).thenApply(dropped -> HttpResponse.create().withStatus(StatusCodes.NO_CONTENT));
    }

    private static ContentType contentType(String format) {
        try {
            return ContentTypes.parse(OutputFormats.contentType(format));
        } catch (RuntimeException unparsable) {
            return ContentTypes.APPLICATION_OCTET_STREAM;
        }
    }
}
