package io.starling.cli.project;

import io.starling.cli.CliException;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Params;
import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fresh workspace {@code starling test run} tests in (spec lifecycle §5.3: "each run builds a fresh workspace"):
 * a throwaway node in this process on a temporary folder and a free port, with the project built into it. The
 * caller appends the fixtures and runs the tests through {@link #api()}; {@link #close} stops the node and removes
 * the folder.
 */
public final class TestWorkspace implements AutoCloseable {
    private final StarlingNode node;
    private final Path directory;
    private final ApiClient api;

    private TestWorkspace(StarlingNode node, Path directory, ApiClient api) {
        this.node = node;
        this.directory = directory;
        this.api = api;
    }

    /** Starts the node and builds the project into it; answers the data sources built. */
    public static TestWorkspace start() throws IOException {
        Path directory = Files.createTempDirectory("starling-test-");
        String token = "test-" + UUID.randomUUID();
        StarlingNode node;
        try {
            node = StarlingNode.start(NodeConfig.defaults().withHttpPort(0).withDataDir(directory.resolve("data"))
                    .withWorkspaceToken(token));
        } catch (RuntimeException e) {
            delete(directory);
            throw new CliException("Could not start the test workspace: " + e.getMessage());
        }
        String adminToken = node.workspaceAdminToken();
        return new TestWorkspace(node, directory, new ApiClient("http://127.0.0.1:" + node.httpPort(),
                () -> adminToken));
    }

    public ApiClient api() {
        return api;
    }

    /** {@code POST /v1/build} of the project; answers the names of its data sources. Throws when the build fails. */
    public List<String> build(Project project) {
        JsonNode answer = api.postMultipart("/v1/build", new Params(), project.multipart(), null, null,
                "builds (POST /v1/build)", true).json();
        if (answer.path("result").asText("success").equals("failed")) {
            StringBuilder errors = new StringBuilder();
            if (answer.hasNonNull("error")) {
                errors.append(answer.get("error").asText());
            }
            for (JsonNode error : answer.path("errors")) {
                errors.append("\n* ").append(error.path("filename").asText("")).append(": ")
                        .append(error.path("error").asText());
            }
            throw new CliException("✗ The test workspace could not be built: " + errors);
        }
        List<String> dataSources = new ArrayList<>();
        for (JsonNode dataSource : answer.path("build").path("datasources")) {
            dataSources.add(dataSource.path("name").asText());
        }
        for (String kind : List.of("new", "changed")) {
            for (JsonNode name : answer.path("build").path(kind + "_datasource_names")) {
                if (!dataSources.contains(name.asText())) {
                    dataSources.add(name.asText());
                }
            }
        }
        return dataSources;
    }

    @Override
    public void close() {
        node.stop();
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
