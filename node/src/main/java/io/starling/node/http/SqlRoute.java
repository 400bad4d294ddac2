package io.starling.node.http;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.auth.Principal;
import io.starling.node.query.AuthorizedTables;
import io.starling.node.service.ServiceDataSources;
import io.starling.node.service.ServiceLog;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.query.SqlGuard;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The Query API: {@code GET /v0/sql?q=...}, {@code POST /v0/sql} with a form field {@code q} or the SQL as
 * the raw body. Reads only (SELECT / WITH). Output format from the FORMAT clause, JSON by default. Reads data
 * sources and pipes ({@code FROM pipe_name} is the pipe's output; with {@code pipeline=<pipe>}, {@code FROM _} is
 * that pipe), see {@link PipeTables}.
 */
public final class SqlRoute extends ApiDirectives {
    /** The Query API's default execution limit (spec: 10 s); see {@link ApiLimits#queryTimeout()}. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final QueryEngine engine;
    private final TableProvider tables;
    private final Executor blockingIo;
    private final CatalogView catalog;
    private final ApiLimits limits;
    private final RateLimiter rateLimiter;
    private final ServiceLog serviceLog;

    public SqlRoute(TokenAuthenticator authenticator, QueryEngine engine, TableProvider tables, Executor blockingIo,
                    CatalogView catalog, ApiLimits limits, RateLimiter rateLimiter, ServiceLog serviceLog) {
        super(authenticator);
        this.engine = engine;
        this.tables = tables;
        this.blockingIo = blockingIo;
        this.catalog = catalog;
        this.limits = limits;
        this.rateLimiter = rateLimiter;
        this.serviceLog = serviceLog;
        this.pipes = new io.starling.node.pipe.PipeRegistry(catalog);
    }

    /** Pipes readable in FROM (their output), and {@code _} for the {@code pipeline} parameter's pipe. */
    private final io.starling.node.pipe.PipeRegistry pipes;

    public Route route() {
        return path(PathMatchers.segment("v0").slash("sql"), () -> authorized(Principal::canQuery,
                "The Query API needs a token with a read scope (DATASOURCES:READ, PIPES:READ, WORKSPACE:READ_ALL or ADMIN).",
                principal -> extractRequest(request -> parameterMap(parameters -> concat(
                        get(() -> run(principal, Optional.ofNullable(parameters.get("q")), "GET", request.getUri().toString(),
                                parameters, queryParameters(parameters, Map.of()))),
                        post(() -> extractRequestEntity(entity -> entity(Unmarshaller.entityToString(), body ->
                                run(principal, sqlOf(entity, body, Optional.ofNullable(parameters.get("q"))), "POST",
                                        request.getUri().toString(), parameters, queryParameters(parameters,
                                                RequestStreams.isForm(entity) && FormBodies.hasField(body, "q")
                                                        ? FormBodies.parse(body) : Map.of()))))))))));
    }

    /**
     * ClickHouse query parameters: every {@code param_<name>} URL parameter (or form field of a form POST, which
     * wins) gives the value of {@code {<name>:Type}} in the query.
     */
    static Map<String, String> queryParameters(Map<String, String> url, Map<String, String> form) {
        Map<String, String> values = new HashMap<>();
        for (Map<String, String> source : List.of(url, form)) {
            for (Map.Entry<String, String> entry : source.entrySet()) {
                if (entry.getKey().startsWith("param_") && entry.getKey().length() > "param_".length()) {
                    values.put(entry.getKey().substring("param_".length()), entry.getValue());
                }
            }
        }
        return values;
    }

    /**
     * The SQL of a POST: the form field q, else the raw body (curl --data-binary sends raw SQL with the form
     * content type, so a form-typed body without a q field is SQL too), else the q URL parameter.
     */
    static Optional<String> sqlOf(org.apache.pekko.http.javadsl.model.HttpEntity entity, String body,
                                  Optional<String> queryParameter) {
        if (RequestStreams.isForm(entity) && FormBodies.hasField(body, "q")) {
            return Optional.ofNullable(FormBodies.parse(body).get("q"));
        }
        return body.isBlank() ? queryParameter : Optional.of(body);
    }

    private Route run(Principal principal, Optional<String> sql, String method, String url, Map<String, String> parameters,
                      Map<String, String> queryParameters) {
        List<HttpHeader> rateHeaders = rateLimit(principal);
        long start = System.nanoTime();
        String requestId = Ulid.next();
        long[] counts = new long[3];
        CompletionStage<HttpResponse> response = CompletableFuture.supplyAsync(
                () -> execute(sql.orElse(null), principal, queryParameters, parameters, counts), blockingIo)
                .whenComplete((result, failure) -> logRequest(principal, sql.orElse(""), method, url, parameters,
                        requestId, start, counts, result, failure));
        return respondWithHeaders(rateHeaders, () -> completeWithFuture(response));
    }

    /** Applies the Query API rate (per token) and a JWT's limits.rps (per JWT name); 429 above. */
    private List<HttpHeader> rateLimit(Principal principal) {
        return RateLimits.query(rateLimiter, limits, principal);
    }

    HttpResponse execute(String sql) {
        return execute(sql, Principal.admin("internal"));
    }

    HttpResponse execute(String sql, Principal principal) {
        return execute(sql, principal, Map.of());
    }

    HttpResponse execute(String sql, Principal principal, Map<String, String> queryParameters) {
        return execute(sql, principal, queryParameters, Map.of());
    }

    /**
     * Runs {@code sql}; a templated one ({@code % SELECT ... {{Int8(my_limit, 10)}}}, spec data-plane §1.3) is first
     * rendered with {@code templateParameters} (the URL parameters).
     */
    HttpResponse execute(String sql, Principal principal, Map<String, String> queryParameters,
                         Map<String, String> templateParameters) {
        return execute(sql, principal, queryParameters, templateParameters, new long[3]);
    }

    /** {@link #execute(String, Principal, Map, Map)} that fills {@code counts} with rows read, bytes read, rows. */
    private HttpResponse execute(String sql, Principal principal, Map<String, String> queryParameters,
                                 Map<String, String> templateParameters, long[] counts) {
        if (sql == null || sql.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The q parameter is required, e.g. q=SELECT 1");
        }
        int length = sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length > limits.sqlMaxBytes()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The query is " + length + " bytes long; the limit is "
                    + limits.sqlMaxBytes() + " bytes. Shorten it, e.g. move logic into a pipe or a materialized view");
        }
        if (io.starling.datafiles.template.Template.isTemplate(sql)) {
            Map<String, String> values = new HashMap<>(templateParameters);
            values.remove("q");
            values.remove("token");
            sql = io.starling.datafiles.template.Template.parse(sql).render(values).sql();
        }
        SqlGuard.checkReadOnly(sql);
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(limits.queryTimeout());
        Map<String, String> pipeParameters = new HashMap<>(templateParameters);
        pipeParameters.remove("q");
        pipeParameters.remove("token");
        pipeParameters.remove("pipeline");
        TableProvider readable = new PipeTables(new AuthorizedTables(tables, catalog, principal, engine, deadline),
                tables, pipes, engine, principal, pipeParameters, templateParameters.get("pipeline"), deadline);
        QueryResult result;
        try {
            try {
                result = engine.execute(sql, new QueryContext(readable, deadline, Map.of(), queryParameters));
            } catch (StarlingException e) {
                // A data source created through another node a moment ago: this node's catalog may not have it yet.
                if (e.errorCode() != ErrorCode.UNKNOWN_TABLE || !catalogRefreshed()) {
                    throw e;
                }
                result = engine.execute(sql, new QueryContext(readable, deadline, Map.of(), queryParameters));
            }
        } catch (StarlingException e) {
            if (e.errorCode() == ErrorCode.TIMEOUT_EXCEEDED || Instant.now().isAfter(deadline)) {
                throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "Timeout exceeded: the query ran longer than "
                        + limits.queryTimeout().toSeconds() + " s (TIMEOUT_EXCEEDED). Add filters on the sorting key or "
                        + "pre-aggregate with a materialized view", e);
            }
            throw e;
        }
        if (Instant.now().isAfter(deadline)) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "Timeout exceeded: the query ran longer than "
                    + limits.queryTimeout().toSeconds() + " s (TIMEOUT_EXCEEDED). Add filters on the sorting key or "
                    + "pre-aggregate with a materialized view");
        }
        counts[0] = result.rowsRead();
        counts[1] = result.bytesRead();
        counts[2] = result.rowCount();
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        OutputFormats.write(result.format(), result, elapsedSeconds, out);
        if (out.size() > limits.resultMaxBytes()) {
            throw new StarlingException(ErrorCode.TOO_MANY_ROWS, "The result is " + out.size() + " bytes; the limit is "
                    + limits.resultMaxBytes() + " bytes. Add a LIMIT or aggregate the rows");
        }
        return HttpResponse.create().withEntity(HttpEntities.create(contentType(result.format()), out.toByteArray()));
    }

    /** Reloads the workspace catalog; true when it changed (so an unknown table may now be known). */
    private boolean catalogRefreshed() {
        long before = catalog.current().getVersion();
        try {
            catalog.refresh().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
        return catalog.current().getVersion() != before;
    }

    /** One row in tinybird.pipe_stats_rt per request (and tinybird.endpoint_errors when it failed). */
    private void logRequest(Principal principal, String sql, String method, String url, Map<String, String> parameters,
                            String requestId, long startNanos, long[] counts, HttpResponse response,
                            Throwable failure) {
        if (serviceLog == null || sql.contains(ServiceDataSources.DATABASE + ".")) {
            return; // queries of service data sources are not logged (spec §6)
        }
        int status = failure == null ? response.status().intValue() : ApiErrors.toResponse(failure, requestId).status().intValue();
        Map<String, String> logged = new HashMap<>(parameters);
        logged.remove("token");
        logged.put("q", sql);
        String cleanUrl = url.replaceAll("([?&])token=[^&]*&?", "$1");
        Map<String, Object> row = new HashMap<>();
        row.put("start_datetime", System.currentTimeMillis() / 1000);
        row.put("pipe_id", "query_api");
        row.put("pipe_name", "query_api");
        row.put("duration", (System.nanoTime() - startNanos) / 1e9);
        row.put("read_rows", counts[0]);
        row.put("read_bytes", counts[1]);
        row.put("result_rows", counts[2]);
        row.put("url", cleanUrl);
        row.put("error", failure == null ? 0 : 1);
        row.put("request_id", requestId);
        row.put("token", principal.id());
        row.put("token_name", principal.name());
        row.put("status_code", status);
        row.put("method", method);
        row.put("parameters", logged);
        serviceLog.append(ServiceDataSources.PIPE_STATS_RT, row);
        if (failure != null) {
            Map<String, Object> error = new HashMap<>();
            error.put("start_datetime", System.currentTimeMillis() / 1000);
            error.put("request_id", requestId);
            error.put("pipe_id", "query_api");
            error.put("pipe_name", "query_api");
            error.put("params", sql);
            error.put("url", cleanUrl);
            error.put("status_code", status);
            error.put("error", ApiErrors.unwrap(failure).getMessage());
            serviceLog.append(ServiceDataSources.ENDPOINT_ERRORS, error);
        }
    }

    private static ContentType contentType(String format) {
        String text = OutputFormats.contentType(format);
        try {
            return ContentTypes.parse(text);
        } catch (RuntimeException unparsable) {
            return ContentTypes.APPLICATION_OCTET_STREAM;
        }
    }
}
