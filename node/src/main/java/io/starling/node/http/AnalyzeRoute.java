package io.starling.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.RequestBodies;
import io.starling.node.ingest.SchemaGuesser;
import io.starling.sql.format.input.CsvDialect;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Multipart;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code POST /v0/analyze} (spec data-plane §1.2.8): guesses the schema of a file sent as multipart
 * {@code file=@x} / {@code ndjson=@x} / {@code csv=@x}, a raw body, or {@code url=}; answers
 * {@code analysis.columns} (path, recommended_type, present_pct as a fraction, name), {@code analysis.schema}
 * (usable as schema=) and a {@code preview} of up to 10 rows. Reads only the first megabyte.
 */
public final class AnalyzeRoute extends ApiDirectives {
    private final UrlImports urlImports;
    private final Executor blockingIo;
    private final Materializer materializer;

    public AnalyzeRoute(TokenAuthenticator authenticator, UrlImports urlImports, Executor blockingIo,
                        Materializer materializer) {
        super(authenticator);
        this.urlImports = urlImports;
        this.blockingIo = blockingIo;
        this.materializer = materializer;
    }

    public Route route() {
        return pathPrefix("v0", () -> path("analyze", () -> post(() -> authorized(principal ->
                principal.canCreateDataSources(), "It needs DATASOURCES:CREATE or ADMIN.", principal ->
                parameterMap(parameters -> extractRequestEntity(entity -> completeWithFuture(
                        analyze(parameters, entity).whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                entity.discardBytes(materializer);
                            }
                        }))))))));
    }

    private CompletionStage<HttpResponse> analyze(Map<String, String> parameters, HttpEntity entity) {
        boolean typeGuessing = !"false".equalsIgnoreCase(parameters.get("type_guessing"));
        CsvDialect dialect = CsvDialect.GUESS;
        long start = System.nanoTime();
        CompletionStage<SchemaGuesser.Guess> guess;
        if (parameters.containsKey("url")) {
            String url = parameters.get("url");
            guess = CompletableFuture.supplyAsync(() -> urlImports.analyze(url, parameters.get("format"), dialect,
                    typeGuessing), blockingIo);
        } else if (RequestStreams.isMultipart(entity)) {
            guess = Unmarshaller.entityToMultipartFormData().unmarshal(entity, materializer)
                    .thenCompose(form -> form.getParts().map(part -> (Multipart.FormData.BodyPart) part)
                            .filter(part -> part.getFilename().isPresent() || List.of("file", "csv", "ndjson")
                                    .contains(part.getName()))
                            .runWith(Sink.<Multipart.FormData.BodyPart>headOption(), materializer))
                    .thenCompose(part -> {
                        Multipart.FormData.BodyPart file = part.orElseThrow(() -> new StarlingException(
                                ErrorCode.BAD_ARGUMENTS, "Send the file to analyze as file=@x, ndjson=@x or csv=@x, "
                                + "or pass url=..."));
                        String name = file.getName() + " " + file.getFilename().orElse("");
                        InputStream body = RequestStreams.inputStream(file.getEntity(), materializer);
                        return CompletableFuture.supplyAsync(() -> guess(body, parameters.get("format"), name,
                                dialect, typeGuessing), blockingIo);
                    });
        } else if (RequestStreams.hasData(entity)) {
            InputStream body = RequestStreams.inputStream(entity, materializer);
            guess = CompletableFuture.supplyAsync(() -> guess(body, parameters.get("format"), "", dialect,
                    typeGuessing), blockingIo);
        } else {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Nothing to analyze: send file=@x, ndjson=@x or "
                    + "csv=@x as multipart, or pass url=...");
        }
        return guess.thenApply(result -> Json.ok(render(result, (System.nanoTime() - start) / 1e9)));
    }

    private static SchemaGuesser.Guess guess(InputStream raw, String format, String name, CsvDialect dialect,
                                             boolean typeGuessing) {
        try (InputStream body = raw) {
            BufferedInputStream buffered = new BufferedInputStream(RequestBodies.gunzipIfCompressed(body),
                    UrlImports.SAMPLE_BYTES + 1);
            IngestService.Format effective = format != null && !format.isBlank()
                    ? UrlImports.format(format, null) : formatFromName(name, buffered);
            return UrlImports.guess(buffered, effective, dialect, typeGuessing);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot read the file: " + e.getMessage(), e);
        }
    }

    private static IngestService.Format formatFromName(String name, BufferedInputStream body) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ndjson") || lower.matches(".*\\.(ndjson|jsonl|json)(\\.gz)?$")) {
            return IngestService.Format.NDJSON;
        }
        if (lower.startsWith("csv") || lower.matches(".*\\.csv(\\.gz)?$")) {
            return IngestService.Format.CSV;
        }
        body.mark(1024);
        byte[] head = body.readNBytes(1024);
        body.reset();
        String text = new String(head, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.startsWith("{") ? IngestService.Format.NDJSON : IngestService.Format.CSV;
    }

    static ObjectNode render(SchemaGuesser.Guess guess, double elapsed) {
        ObjectNode json = Json.object();
        ObjectNode analysis = json.putObject("analysis");
        ArrayNode columns = analysis.putArray("columns");
        for (SchemaGuesser.GuessedColumn column : guess.columns()) {
            ObjectNode entry = columns.addObject();
            if (column.jsonPath() != null) {
                entry.put("path", column.jsonPath());
            }
            entry.put("recommended_type", column.type());
            entry.put("present_pct", column.presentPct() / 100.0);
            entry.put("name", column.name());
        }
        analysis.put("schema", guess.schema());
        ObjectNode preview = json.putObject("preview");
        ArrayNode meta = preview.putArray("meta");
        for (SchemaGuesser.GuessedColumn column : guess.columns()) {
            meta.addObject().put("name", column.name()).put("type", column.type());
        }
        ArrayNode data = preview.putArray("data");
        for (List<JsonNode> row : guess.preview()) {
            ObjectNode object = data.addObject();
            for (int i = 0; i < guess.columns().size(); i++) {
                JsonNode value = i < row.size() ? row.get(i) : null;
                object.set(guess.columns().get(i).name(), value == null ? Json.MAPPER.nullNode() : value);
            }
        }
        preview.put("rows", guess.preview().size());
        preview.putObject("statistics").put("elapsed", elapsed).put("rows_read", guess.rowsRead())
                .put("bytes_read", guess.bytesRead());
        return json;
    }
}
