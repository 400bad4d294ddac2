package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Multipart;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starling datasource ...}: the Data Sources API ({@code /v0/datasources}), Events API and analyze. */
@Command(name = "datasource", mixinStandardHelpOptions = true, description = "Manage data sources.",
        subcommands = {DatasourceCommand.Ls.class, DatasourceCommand.Append.class, DatasourceCommand.Replace.class,
                DatasourceCommand.Truncate.class, DatasourceCommand.Delete.class, DatasourceCommand.Rm.class,
                DatasourceCommand.Analyze.class, DatasourceCommand.Data.class})
public final class DatasourceCommand extends ApiCommand.Group {
    static final String API = "the Data Sources API (/v0/datasources)";

    static Pattern match(String regex) {
        return regex == null ? null : Pattern.compile(regex);
    }

    static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("s3://")
                || lower.startsWith("gs://");
    }

    /** csv, ndjson or parquet from the file name ({@code .csv.gz} counts as csv); null when unknown. */
    static String formatOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            return "csv";
        }
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl") || lower.endsWith(".json")) {
            return "ndjson";
        }
        if (lower.endsWith(".parquet")) {
            return "parquet";
        }
        return null;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List data sources.")
    public static final class Ls extends ApiCommand {
        @Option(names = "--match", description = "Only names matching this regular expression.")
        String match;

        @Override
        protected int run() {
            JsonNode json = api().get("/v0/datasources", new Params(), API).json();
            Pattern pattern = match(match);
            Table table = new Table("name", "row_count", "size", "created_at", "updated_at");
            for (JsonNode ds : json.path("datasources")) {
                String name = ds.path("name").asText();
                if (pattern == null || pattern.matcher(name).find()) {
                    JsonNode stats = ds.path("statistics");
                    table.row(name, Output.cell(stats.get("row_count")), Output.bytes(stats.get("bytes")),
                            Output.cell(ds.get("created_at")), Output.cell(ds.get("updated_at")));
                }
            }
            Output.print(out(), output(), json, table);
            return 0;
        }
    }

    /** Shared by append and replace: a file (multipart upload) or a URL (server-side import job). */
    abstract static class Import extends ApiCommand {
        @Parameters(index = "0", description = "Data source name.")
        String name;

        @Parameters(index = "1", arity = "0..1", description = "A local file (CSV, NDJSON, Parquet; .gz allowed) or a URL.")
        String source;

        @Option(names = "--url", description = "Import from this URL.")
        String url;

        @Option(names = "--file", description = "Upload this local file.")
        Path file;

        @Option(names = "--format", description = "csv, ndjson or parquet (default: from the file name, else csv).")
        String format;

        @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Wait for URL import jobs to finish (default: true).")
        boolean await;

        abstract String mode();

        abstract Params extra();

        abstract String done();

        @Override
        protected int run() throws Exception {
            String from = url != null ? url : file != null ? file.toString() : source;
            if (from == null) {
                throw new CliException(2, "Say what to " + mode() + ": a file, a URL, --file or --url.");
            }
            Params params = new Params().add("mode", mode()).add("name", name);
            params = merge(params, extra());
            ApiClient api = api();
            JsonNode answer;
            out().println("Importing data to " + name + "...");
            if (url != null || (file == null && isUrl(from))) {
                String chosen = format != null ? format : formatOf(from);
                answer = api.postBody("/v0/datasources", params.add("format", chosen).add("url", from), "",
                        "application/x-www-form-urlencoded", API).json();
            } else {
                Path path = context().workingDirectory().resolve(from);
                if (!Files.isRegularFile(path)) {
                    throw new CliException(2, "File " + path + " does not exist. Give a path to a CSV, NDJSON or "
                            + "Parquet file, or a URL.");
                }
                String chosen = format != null ? format : formatOf(path.getFileName().toString());
                chosen = chosen == null ? "csv" : chosen;
                Multipart body = new Multipart().file(chosen, path.getFileName().toString(),
                        "application/octet-stream", path);
                answer = api.postMultipart("/v0/datasources", params.add("format", chosen), body,
                        context().interactive() ? err() : null, "Uploading " + path.getFileName(), API).json();
            }
            return report(answer);
        }

        private int report(JsonNode answer) throws InterruptedException {
            String jobId = Jobs.idOf(answer);
            if (jobId != null) {
                if (!await) {
                    out().println("* Import job " + jobId + " started; follow it with `starling job ls`");
                    return 0;
                }
                answer = Jobs.await(api(), jobId, out(), Duration.ofHours(2));
            }
            JsonNode error = answer.get("error");
            if (error != null && !error.isNull() && !(error.isBoolean() && !error.asBoolean())) {
                err().println(error.asText());
                return 1;
            }
            if (output() == io.starling.cli.OutputFormat.json) {
                out().println(Output.pretty(answer));
            }
            out().println("✓ " + done());
            return 0;
        }

        private static Params merge(Params target, Params more) {
            return more == null ? target : target.addAll(more);
        }
    }

    @Command(name = "append", mixinStandardHelpOptions = true,
            description = "Append a file or URL (Data Sources API), or NDJSON events (--events, Events API).")
    public static final class Append extends Import {
        @Option(names = "--events", description = "NDJSON rows to send through the Events API.")
        String events;

        @Override
        protected int run() throws Exception {
            if (events == null) {
                return super.run();
            }
            JsonNode answer = api().postBody("/v0/events", new Params().add("name", name).add("wait", "true"),
                    events.endsWith("\n") ? events : events + "\n", "application/x-ndjson",
                    "the Events API (POST /v0/events)").json();
            long quarantined = answer.path("quarantined_rows").asLong();
            out().println("✓ Rows appended: " + answer.path("successful_rows").asLong()
                    + (quarantined > 0 ? " (" + quarantined + " in " + name + "_quarantine)" : ""));
            return quarantined > 0 ? 1 : 0;
        }

        @Override
        String mode() {
            return "append";
        }

        @Override
        Params extra() {
            return null;
        }

        @Override
        String done() {
            return "Rows appended!";
        }
    }

    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Replace the data (all of it, or the partitions matching --sql-condition) with a file or URL.")
    public static final class Replace extends Import {
        @Option(names = "--sql-condition", description = "Replace only the partitions matching this condition.")
        String condition;

        @Override
        String mode() {
            return "replace";
        }

        @Override
        Params extra() {
            return new Params().add("replace_condition", condition);
        }

        @Override
        String done() {
            return "Data replaced!";
        }
    }

    @Command(name = "truncate", mixinStandardHelpOptions = true, description = "Delete all rows of a data source.")
    public static final class Truncate extends ApiCommand {
        @Parameters(index = "0", description = "Data source name.")
        String name;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        protected int run() {
            confirm(yes, "Do you want to truncate " + name + "? All its rows are deleted.");
            api().postBody("/v0/datasources/" + name + "/truncate", new Params(), "", "text/plain", API);
            out().println("** Data Source '" + name + "' truncated");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete the rows matching --sql-condition (an asynchronous delete job).")
    public static final class Delete extends ApiCommand {
        @Parameters(index = "0", description = "Data source name.")
        String name;

        @Option(names = "--sql-condition", required = true, description = "SQL condition of the rows to delete.")
        String condition;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Option(names = "--wait", description = "Wait for the delete job to finish.")
        boolean await;

        @Option(names = "--dry-run", description = "Only validate; delete nothing.")
        boolean dryRun;

        @Override
        protected int run() throws InterruptedException {
            if (!dryRun) {
                confirm(yes, "Do you want to delete the rows of " + name + " where " + condition + "?");
            }
            JsonNode answer = api().postForm("/v0/datasources/" + name + "/delete", new Params()
                    .add("delete_condition", condition).addIf(dryRun, "dry_run", "true"),
                    "deletes (POST /v0/datasources/{name}/delete)").json();
            if (dryRun) {
                out().println(Output.pretty(answer));
                return 0;
            }
            String jobId = Jobs.idOf(answer);
            if (jobId == null) {
                out().println("** Rows deleted from '" + name + "'");
                return 0;
            }
            out().println("** Delete job " + jobId + " started");
            if (await) {
                Jobs.await(api(), jobId, out(), Duration.ofHours(2));
                out().println("** Rows deleted from '" + name + "'");
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Drop a data source and its data.")
    public static final class Rm extends ApiCommand {
        @Parameters(index = "0", description = "Data source name.")
        String name;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        protected int run() {
            confirm(yes, "Do you want to remove " + name + " and all its data?");
            api().delete("/v0/datasources/" + name, new Params(), API);
            out().println("** Data Source '" + name + "' removed");
            return 0;
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Guess the schema of a file or URL (POST /v0/analyze).")
    public static final class Analyze extends ApiCommand {
        @Parameters(index = "0", description = "A local file or a URL.")
        String source;

        @Override
        protected int run() {
            String feature = "schema analysis (POST /v0/analyze)";
            JsonNode answer;
            if (isUrl(source)) {
                answer = api().postBody("/v0/analyze", new Params().add("url", source), "", "text/plain", feature).json();
            } else {
                Path path = context().workingDirectory().resolve(source);
                if (!Files.isRegularFile(path)) {
                    throw new CliException(2, "File " + path + " does not exist.");
                }
                String format = formatOf(path.getFileName().toString());
                Multipart body = new Multipart().file(format == null || format.equals("csv") ? "file" : format,
                        path.getFileName().toString(), "application/octet-stream", path);
                answer = api().postMultipart("/v0/analyze", new Params(), body, null, null, feature).json();
            }
            JsonNode analysis = answer.path("analysis");
            Table table = new Table("name", "type", "nullable");
            for (JsonNode column : analysis.path("columns")) {
                String type = column.path("recommended_type").asText();
                boolean nullable = type.startsWith("Nullable(") || column.path("present_pct").asDouble(1) < 1;
                table.row(column.path("name").asText(), type, nullable);
            }
            Output.print(out(), output(), answer, table);
            if (output() == io.starling.cli.OutputFormat.human && analysis.hasNonNull("schema")) {
                out().println();
                out().println("SCHEMA >");
                out().println("    " + analysis.get("schema").asText());
            }
            return 0;
        }
    }

    @Command(name = "data", mixinStandardHelpOptions = true, description = "Print rows of a data source.")
    public static final class Data extends ApiCommand {
        @Parameters(index = "0", description = "Data source name.")
        String name;

        @Option(names = "--limit", defaultValue = "10", description = "Rows to print (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        protected int run() {
            String sql = "SELECT * FROM " + name + " LIMIT " + limit + " FORMAT JSON";
            JsonNode answer = api().postForm("/v0/sql", new Params().add("q", sql), "the Query API (POST /v0/sql)").json();
            Table table = Output.resultTable(answer);
            Output.print(out(), output(), answer, table == null ? new Table("result") : table);
            return 0;
        }
    }
}
