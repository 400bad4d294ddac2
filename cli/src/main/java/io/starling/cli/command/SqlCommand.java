package io.starling.cli.command;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starling sql "SELECT ..."}: runs a query through the Query API and prints the answer. */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "Run a SQL query against a Starling node.")
public final class SqlCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:TB_HOST:-http://127.0.0.1:7181}",
            description = "Server URL (default: $TB_HOST or ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--token", defaultValue = "${env:TB_TOKEN}", description = "Token (default: $TB_TOKEN).")
    String token;

    @Option(names = "--format", defaultValue = "PrettyJSON",
            description = "Output format: JSON, CSVWithNames, TSV, JSONEachRow... (default: JSON).")
    String format;

    @Parameters(index = "0", description = "The query.")
    String query;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String sql = query;
        if (!"PrettyJSON".equals(format) && !sql.toUpperCase(java.util.Locale.ROOT).contains(" FORMAT ")) {
            sql = sql + " FORMAT " + format;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.replaceAll("/+$", "") + "/v0/sql"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            System.err.println("Cannot reach Starling at " + host + ". Start it with `bin/starling local` or pass --host.");
            return 2;
        }
        if (response.statusCode() >= 400) {
            System.err.println("Error " + response.statusCode() + ": " + response.body());
            return 1;
        }
        System.out.println(response.body());
        return 0;
    }
}
