package io.starling.node.http;

import io.starling.node.auth.Scope;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The Query API: {@code GET /v0/sql?q=...}, {@code POST /v0/sql} with a form field {@code q} or the SQL as
 * the raw body. Reads only (SELECT / WITH). Output format from the FORMAT clause, JSON by default.
 */
public final class SqlRoute extends ApiDirectives {
    /** The Query API's execution limit (spec: 10 s). */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final QueryEngine engine;
    private final TableProvider tables;
    private final Executor blockingIo;

    public SqlRoute(TokenAuthenticator authenticator, QueryEngine engine, TableProvider tables, Executor blockingIo) {
        super(authenticator);
        this.engine = engine;
        this.tables = tables;
        this.blockingIo = blockingIo;
    }

    public Route route() {
        return path(PathMatchers.segment("v0").slash("sql"), () -> authorized(Scope.READ, principal -> concat(
                get(() -> parameterOptional("q", query -> run(query))),
                post(() -> parameterOptional("q", query -> extractRequestEntity(entity ->
                        entity(Unmarshaller.entityToString(), body -> run(sqlOf(entity, body, query)))))))));
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

    private Route run(Optional<String> sql) {
        CompletionStage<HttpResponse> response = CompletableFuture.supplyAsync(
                () -> execute(sql.orElse(null)), blockingIo);
        return completeWithFuture(response);
    }

    HttpResponse execute(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The q parameter is required, e.g. q=SELECT 1");
        }
        if (sql.stripLeading().startsWith("%")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                    "Templated SQL (starting with %) is not supported by the Query API yet; send plain SQL");
        }
        SqlGuard.checkReadOnly(sql);
        long start = System.nanoTime();
        QueryResult result = engine.execute(sql, new QueryContext(tables, Instant.now().plus(QUERY_TIMEOUT), Map.of()));
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        OutputFormats.write(result.format(), result, elapsedSeconds, out);
        return HttpResponse.create().withEntity(HttpEntities.create(contentType(result.format()), out.toByteArray()));
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
