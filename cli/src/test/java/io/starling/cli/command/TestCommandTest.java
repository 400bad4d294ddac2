package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.project.TestFile;
import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling test run|create|update} against a fake endpoint. */
class TestCommandTest {
    private static final String YAML = """
            - name: top_2000s
              description: Test filtering by year range 2000-2005
              expected_http_status: 200
              parameters: year_start=2000&year_end=2005
              expected_result: |
                {"year":2004,"sets":1}
                {"year": 2005, "sets": 2}

            - name: empty
              parameters: year_start=3000
              expected_result: ''
            """;

    @TempDir
    Path dir;
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        cli = new Cli(dir).env("TB_HOST", api.url()).env("TB_TOKEN", "admin");
        api.on("GET /v0/pipes/sets.json", request -> "3000".equals(request.param("year_start"))
                ? new FakeApi.Answer(200, "{\"meta\":[],\"data\":[],\"rows\":0}")
                : new FakeApi.Answer(200, "{\"meta\":[],\"data\":[{\"year\":2004,\"sets\":1},{\"year\":2005,\"sets\":2}]}"));
        Files.createDirectories(dir.resolve("tests"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theTestFileFormatIsRead() {
        List<TestFile.Case> cases = TestFile.parse(YAML, "sets.yaml");

        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).name()).isEqualTo("top_2000s");
        assertThat(cases.get(0).parameters()).isEqualTo("year_start=2000&year_end=2005");
        assertThat(cases.get(0).expectedResult()).isEqualTo("{\"year\":2004,\"sets\":1}\n{\"year\": 2005, \"sets\": 2}\n");
        assertThat(cases.get(0).status()).isEqualTo(200);
        assertThat(cases.get(1).expectedResult()).isEmpty();
        assertThat(TestFile.parse(TestFile.write(cases), "again.yaml")).isEqualTo(cases);
    }

    @Test
    void passingTestsExitZero() throws IOException {
        Files.writeString(dir.resolve("tests/sets.yaml"), YAML);

        Cli.Result result = cli.run("test", "run");

        assertThat(result.exit()).isZero();
        assertThat(api.last("GET /v0/pipes/sets.json").header("Authorization")).isEqualTo("Bearer admin");
        assertThat(result.out()).contains("» Running tests", "* sets.yaml", "✓ top_2000s passed", "✓ empty passed",
                "✓ 2/2 passed");
    }

    @Test
    void aDifferentResultFailsWithADiffAndExitsOne() throws IOException {
        Files.writeString(dir.resolve("tests/sets.yaml"), YAML.replace("\"sets\": 2", "\"sets\": 3"));

        Cli.Result result = cli.run("test", "run", "sets");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("✗ top_2000s failed", "- {\"year\":2005,\"sets\":3}",
                "+ {\"year\":2005,\"sets\":2}", "✗ 1/2 passed");
    }

    @Test
    void createCapturesTheCurrentAnswerAndUpdateRewritesIt() throws IOException {
        Cli.Result created = cli.run("test", "create", "sets", "--parameters", "year_start=2000");

        assertThat(created.exit()).isZero();
        List<TestFile.Case> cases = TestFile.parse(Files.readString(dir.resolve("tests/sets.yaml")), "sets.yaml");
        assertThat(cases).singleElement().satisfies(test -> {
            assertThat(test.name()).isEqualTo("sets_1");
            assertThat(test.parameters()).isEqualTo("year_start=2000");
            assertThat(test.expectedResult()).isEqualTo("{\"year\":2004,\"sets\":1}\n{\"year\":2005,\"sets\":2}\n");
        });
        assertThat(cli.run("test", "run").exit()).isZero();

        Files.writeString(dir.resolve("tests/sets.yaml"), YAML.replace("\"sets\": 2", "\"sets\": 3"));
        assertThat(cli.run("test", "update", "sets").exit()).isZero();
        assertThat(cli.run("test", "run").exit()).isZero();
    }
}
