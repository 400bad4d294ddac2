package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.ApiResponse;
import io.starling.cli.http.Params;
import io.starling.cli.project.Project;
import io.starling.cli.project.TestFile;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code starling test run|create|update}: endpoint tests in {@code tests/<pipe>.yaml}. Each case calls
 * {@code GET /v0/pipes/<pipe>.json?<parameters>} on the server and compares the status and the {@code data} rows
 * (as NDJSON, in order) with the file. Tests run against the server's current data (build first).
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run and create endpoint tests.",
        subcommands = {TestCommand.Run.class, TestCommand.Create.class, TestCommand.Update.class})
public final class TestCommand extends ApiCommand.Group {

    record Outcome(int status, List<String> rows, String error) {
        String ndjson() {
            return rows.isEmpty() ? "" : String.join("\n", rows) + "\n";
        }
    }

    static Outcome callEndpoint(ApiCommand command, String pipe, String parameters) {
        return callEndpoint(command.api(), pipe, parameters);
    }

    static Outcome callEndpoint(io.starling.cli.http.ApiClient api, String pipe, String parameters) {
        ApiResponse response = api.send("GET", "/v0/pipes/" + pipe + ".json", Params.parseQuery(parameters),
                HttpRequest.BodyPublishers.noBody(), null, "endpoints (GET /v0/pipes/{pipe}.json)", true);
        if (response.status() >= 400) {
            return new Outcome(response.status(), List.of(), response.errorMessage());
        }
        List<String> rows = new ArrayList<>();
        for (JsonNode row : response.json().path("data")) {
            rows.add(row.toString());
        }
        return new Outcome(response.status(), rows, null);
    }

    /** Each non-blank NDJSON line re-serialised, so spacing and number spelling do not matter. */
    static List<String> canonical(String ndjson, String where) {
        List<String> rows = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(ApiResponse.MAPPER.readTree(line).toString());
            } catch (IOException e) {
                throw new CliException(where + ": expected_result line is not JSON: " + line);
            }
        }
        return rows;
    }

    static List<Path> testFiles(ApiCommand command, List<String> names) throws IOException {
        Project project = Project.locate(command.context().workingDirectory(), command.target().tinyb());
        List<Path> files = new ArrayList<>();
        if (names != null && !names.isEmpty()) {
            for (String name : names) {
                Path direct = command.context().workingDirectory().resolve(name);
                Path byPipe = project.testsDirectory().resolve(name + ".yaml");
                Path chosen = Files.isRegularFile(direct) ? direct : byPipe;
                if (!Files.isRegularFile(chosen)) {
                    throw new CliException(2, "No test file " + name + " (looked for " + direct + " and " + byPipe + ").");
                }
                files.add(chosen);
            }
            return files;
        }
        if (!Files.isDirectory(project.testsDirectory())) {
            return files;
        }
        try (Stream<Path> list = Files.list(project.testsDirectory())) {
            list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        return files;
    }

    static String pipeOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run tests (all, or the given files or pipes) in a fresh workspace built from the project "
                    + "with its fixtures.")
    public static final class Run extends ApiCommand {
        @Parameters(arity = "0..*", description = "Test files or pipe names.")
        List<String> names;

        @Option(names = "--against-server", description = "Run against the server's current data instead of a "
                + "fresh workspace built from the project and its fixtures.")
        boolean againstServer;

        @Override
        protected int run() throws IOException {
            List<Path> files = testFiles(this, names);
            if (files.isEmpty()) {
                out().println("* No tests found; create one with `starling test create <pipe>`");
                return 0;
            }
            Project project = Project.locate(context().workingDirectory(), target().tinyb());
            if (againstServer || project.isEmpty()) {
                return runAll(api(), files);
            }
            out().println("» Building test environment");
            try (io.starling.cli.project.TestWorkspace workspace = io.starling.cli.project.TestWorkspace.start()) {
                List<String> dataSources = workspace.build(project);
                int failures = BuildCommand.appendFixtures(workspace.api(), project, dataSources, out(), err());
                if (failures > 0) {
                    throw new CliException("✗ " + failures + " fixture(s) could not be loaded; fix them and run again.");
                }
                out().println("✓ Done!");
                return runAll(workspace.api(), files);
            }
        }

        private int runAll(io.starling.cli.http.ApiClient api, List<Path> files) throws IOException {
            out().println("» Running tests");
            int passed = 0;
            int total = 0;
            for (Path file : files) {
                out().println("* " + file.getFileName());
                String pipe = pipeOf(file);
                for (TestFile.Case test : TestFile.parse(Files.readString(file), file.toString())) {
                    total++;
                    Outcome outcome = callEndpoint(api, pipe, test.parameters());
                    List<String> expected = canonical(test.expectedResult(), file.getFileName().toString());
                    List<String> actual = canonical(outcome.ndjson(), pipe);
                    if (outcome.status() == test.status() && (outcome.status() >= 400 || expected.equals(actual))) {
                        passed++;
                        out().println("✓ " + test.name() + " passed");
                    } else {
                        out().println("✗ " + test.name() + " failed");
                        if (outcome.status() != test.status()) {
                            out().println("  expected HTTP " + test.status() + ", got " + outcome.status()
                                    + (outcome.error() == null ? "" : ": " + outcome.error()));
                        } else {
                            out().println("  --- expected_result");
                            out().println("  +++ actual");
                            FmtCommand.diff(String.join("\n", expected), String.join("\n", actual))
                                    .forEach(line -> out().println("  " + line));
                        }
                    }
                }
            }
            out().println((passed == total ? "✓ " : "✗ ") + passed + "/" + total + " passed");
            return passed == total ? 0 : 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Add a test case for an endpoint to tests/<pipe>.yaml, capturing its current answer.")
    public static final class Create extends ApiCommand {
        @Parameters(index = "0", description = "Pipe name.")
        String pipe;

        @Option(names = "--parameters", defaultValue = "", description = "Query string of endpoint parameters (a=1&b=x).")
        String parameters;

        @Option(names = "--name", description = "Test name (default: <pipe>_<n>).")
        String name;

        @Override
        protected int run() throws IOException {
            Project project = Project.locate(context().workingDirectory(), target().tinyb());
            Path file = project.testsDirectory().resolve(pipe + ".yaml");
            List<TestFile.Case> cases = new ArrayList<>(Files.isRegularFile(file)
                    ? TestFile.parse(Files.readString(file), file.toString()) : List.of());
            Outcome outcome = callEndpoint(this, pipe, parameters);
            String testName = name != null ? name : pipe + "_" + (cases.size() + 1);
            cases.add(new TestFile.Case(testName, "Generated by starling test create", parameters, outcome.ndjson(),
                    outcome.status()));
            Files.createDirectories(file.getParent());
            Files.writeString(file, TestFile.write(cases));
            out().println("✓ " + project.relative(file) + " has test " + testName + " (HTTP " + outcome.status() + ", "
                    + outcome.rows().size() + " rows)");
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Re-capture expected results (all tests, or the given files or pipes).")
    public static final class Update extends ApiCommand {
        @Parameters(arity = "0..*", description = "Test files or pipe names.")
        List<String> names;

        @Override
        protected int run() throws IOException {
            for (Path file : testFiles(this, names)) {
                String pipe = pipeOf(file);
                List<TestFile.Case> updated = new ArrayList<>();
                for (TestFile.Case test : TestFile.parse(Files.readString(file), file.toString())) {
                    Outcome outcome = callEndpoint(this, pipe, test.parameters());
                    updated.add(new TestFile.Case(test.name(), test.description(), test.parameters(), outcome.ndjson(),
                            outcome.status()));
                }
                Files.writeString(file, TestFile.write(updated));
                out().println("✓ " + file.getFileName() + " updated (" + updated.size() + " tests)");
            }
            return 0;
        }
    }
}
