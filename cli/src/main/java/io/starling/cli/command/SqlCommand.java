package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.OutputFormat;
import io.starling.cli.http.ApiResponse;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code starling sql "SELECT ..."}: runs a query through the Query API ({@code POST /v0/sql}, form {@code q=}).
 * {@code --output human} prints a table of names, types and values; json and csv ask the server for
 * {@code FORMAT JSON} / {@code FORMAT CSVWithNames} and print the answer as it is, as does an explicit
 * {@code --format} or a FORMAT clause in the query.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "Run a SQL query (Query API).")
public final class SqlCommand extends ApiCommand {
    private static final Pattern FORMAT_CLAUSE = Pattern.compile("(?is).*\\bFORMAT\\s+[A-Za-z0-9_]+\\s*$");

    @Option(names = "--format", description = "A ClickHouse output format (JSON, CSVWithNames, TSV, JSONEachRow...); "
            + "the answer is printed as the server sends it.")
    String format;

    @Option(names = {"--rows-limit", "--rows_limit"}, description = "Return at most this many rows.")
    Integer rowsLimit;

    @Option(names = "--stats", description = "Print elapsed time, rows and bytes read.")
    boolean stats;

    @Parameters(index = "0", description = "The query.")
    String query;

    @Override
    protected int run() {
        String sql = query.strip().replaceAll(";+\\s*$", "");
        boolean explicitFormat = FORMAT_CLAUSE.matcher(sql).matches();
        if (rowsLimit != null) {
            sql = "SELECT * FROM (" + sql + ") LIMIT " + rowsLimit;
        }
        OutputFormat output = output();
        boolean raw = explicitFormat || format != null || output != OutputFormat.human;
        if (!explicitFormat) {
            String chosen = format != null ? format : output == OutputFormat.csv ? "CSVWithNames" : "JSON";
            sql = sql + " FORMAT " + chosen;
        }
        ApiResponse response = api().postForm("/v0/sql", new Params().add("q", sql), "the Query API (POST /v0/sql)");
        if (raw) {
            String body = response.body();
            out().print(body.endsWith("\n") ? body : body + "\n");
            out().flush();
            return 0;
        }
        JsonNode json = response.json();
        printTable(json);
        if (stats) {
            JsonNode statistics = json.path("statistics");
            out().println("** Query took " + statistics.path("elapsed").asText("?") + " seconds");
            out().println("** Rows read: " + statistics.path("rows_read").asText("?"));
            out().println("** Bytes read: " + statistics.path("bytes_read").asText("?"));
        }
        return 0;
    }

    private void printTable(JsonNode json) {
        Table table = Output.resultTable(json);
        if (table == null) {
            out().println(Output.pretty(json));
            return;
        }
        table.printHuman(out());
        if (table.size() == 0) {
            out().println("** No rows");
        }
    }
}
