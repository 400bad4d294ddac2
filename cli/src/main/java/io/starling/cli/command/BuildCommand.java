package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.Multipart;
import io.starling.cli.http.Params;
import io.starling.cli.project.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code starling build}: checks every datafile locally, sends them to {@code POST /v1/build}, then appends
 * {@code fixtures/<datasource>.ndjson|csv} to the data sources it built. {@code --check} only parses locally.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Build the project (validate and load fixtures).")
public final class BuildCommand extends ApiCommand {
    static final String API = "builds (POST /v1/build)";

    @Option(names = "--check", description = "Only check the datafiles locally; do not call the server.")
    boolean check;

    @Option(names = "--no-fixtures", description = "Do not append fixtures.")
    boolean noFixtures;

    @Override
    protected int run() {
        return build(this, check, noFixtures);
    }

    /** The build of {@code starling build} (and each rebuild of {@code starling dev}); answers the exit code. */
    static int build(ApiCommand command, boolean check, boolean noFixtures) {
        long started = System.nanoTime();
        Project project = Project.locate(command.context().workingDirectory(), command.target().tinyb());
        if (project.isEmpty()) {
            throw new CliException(2, "No .datasource or .pipe files under " + project.root()
                    + ". Run the command from your project folder.");
        }
        command.out().println("» Building project...");
        List<String> errors = project.validate();
        if (!errors.isEmpty()) {
            errors.forEach(e -> command.err().println("✗ " + e));
            throw new CliException("✗ Build failed: " + errors.size() + " datafile(s) have errors.");
        }
        if (check) {
            command.out().println("✓ " + project.files().size() + " datafiles are valid");
            return 0;
        }
        JsonNode answer = command.api().postMultipart("/v1/build", new Params(), project.multipart(), null, null, API, true)
                .json();
        String result = answer.path("result").asText("success");
        if (result.equals("failed")) {
            Deployments.printErrors(answer, command.err());
            command.err().println("✗ Build failed");
            return 1;
        }
        JsonNode build = answer.path("build");
        List<String> built = new ArrayList<>();
        for (String kind : List.of("datasource", "pipe", "connection")) {
            for (String change : List.of("new", "changed", "deleted")) {
                for (JsonNode name : build.path(change + "_" + kind + "_names")) {
                    String path = project.pathOf(name.asText(), "." + kind);
                    String verb = switch (change) {
                        case "new" -> "created";
                        case "changed" -> "changed";
                        default -> "deleted";
                    };
                    command.out().println("✓ " + (path == null ? name.asText() : path) + " " + verb);
                    if (kind.equals("datasource") && !change.equals("deleted")) {
                        built.add(name.asText());
                    }
                }
            }
        }
        if (built.isEmpty()) {
            for (JsonNode datasource : build.path("datasources")) {
                built.add(datasource.path("name").asText());
            }
        }
        int failures = noFixtures ? 0 : appendFixtures(command.api(), project, built, command.out(), command.err());
        if (result.equals("no_changes") && failures == 0) {
            command.out().println("* No changes");
        }
        command.out().println(String.format(Locale.ROOT, "%s Build completed in %.1fs", failures == 0 ? "✓" : "✗",
                (System.nanoTime() - started) / 1e9));
        return failures == 0 ? 0 : 1;
    }

    /**
     * Appends {@code fixtures/<datasource>.ndjson|csv} to each data source that has one (spec lifecycle §5.1: the
     * fixture's name is the data source's); answers the number that failed.
     */
    static int appendFixtures(io.starling.cli.http.ApiClient api, Project project, List<String> datasources,
                              java.io.PrintStream out, java.io.PrintStream err) {
        int failures = 0;
        for (String datasource : datasources) {
            Path fixture = project.fixture(datasource);
            if (fixture == null) {
                continue;
            }
            String format = DatasourceCommand.formatOf(fixture.getFileName().toString());
            Multipart body = new Multipart().file(format, fixture.getFileName().toString(), "application/octet-stream",
                    fixture);
            JsonNode answer = api.postMultipart("/v0/datasources", new Params().add("mode", "append")
                    .add("name", datasource).add("format", format), body, null, null, DatasourceCommand.API).json();
            JsonNode error = answer.get("error");
            if (error != null && error.isTextual()) {
                err.println("✗ Error appending fixtures for '" + datasource + "': " + error.asText());
                failures++;
            } else if (answer.path("quarantine_rows").asLong(0) > 0) {
                err.println("✗ Error appending fixtures for '" + datasource + "': There was an error with file "
                        + "contents: " + answer.path("quarantine_rows").asLong() + " rows in quarantine.");
                failures++;
            } else {
                out.println("✓ " + project.relative(fixture) + " appended to " + datasource);
            }
        }
        return failures;
    }
}
