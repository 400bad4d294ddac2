package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.cli.support.FakeApi;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code starling sql} against a hand-written fake of the Query API. */
class SqlCommandTest {
    private static final String ANSWER = "{\"meta\":[{\"name\":\"action\",\"type\":\"String\"},{\"name\":\"n\",\"type\":\"UInt64\"}],"
            + "\"data\":[{\"action\":\"buy\",\"n\":2},{\"action\":\"view\",\"n\":10}],\"rows\":2,"
            + "\"statistics\":{\"elapsed\":0.001,\"rows_read\":12,\"bytes_read\":340}}";

    @TempDir
    Path dir;
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        cli = new Cli(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void humanOutputAsksForJsonAndPrintsAnAlignedTableWithTypes() {
        api.on("POST /v0/sql", 200, ANSWER);

        Cli.Result result = cli.run("sql", "--host", api.url(), "--token", "secret", "SELECT action, count() AS n FROM e GROUP BY action");

        assertThat(result.exit()).isZero();
        FakeApi.Request request = api.last("POST /v0/sql");
        assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form().get("q")).containsExactly("SELECT action, count() AS n FROM e GROUP BY action FORMAT JSON");
        assertThat(result.out()).contains("| action | n      |", "| String | UInt64 |", "| buy    | 2      |",
                "| view   | 10     |");
    }

    @Test
    void outputCsvAsksForCsvWithNamesAndPrintsTheAnswerAsIs() {
        api.on("POST /v0/sql", 200, "\"action\",\"n\"\n\"buy\",2\n");

        Cli.Result result = cli.run("--output", "csv", "sql", "--host", api.url(), "--token", "t", "SELECT 1;");

        assertThat(api.last("POST /v0/sql").form().get("q")).containsExactly("SELECT 1 FORMAT CSVWithNames");
        assertThat(result.out()).isEqualTo("\"action\",\"n\"\n\"buy\",2\n");
    }

    @Test
    void anExplicitFormatOrFormatClauseIsSentUnchangedAndPrintedRaw() {
        api.on("POST /v0/sql", 200, "1\n");

        cli.run("sql", "--host", api.url(), "--token", "t", "--format", "TSV", "SELECT 1");
        assertThat(api.last("POST /v0/sql").form().get("q")).containsExactly("SELECT 1 FORMAT TSV");

        Cli.Result result = cli.run("sql", "--host", api.url(), "--token", "t", "SELECT 1 FORMAT JSONEachRow");
        assertThat(api.last("POST /v0/sql").form().get("q")).containsExactly("SELECT 1 FORMAT JSONEachRow");
        assertThat(result.out()).isEqualTo("1\n");
    }

    @Test
    void rowsLimitWrapsTheQueryAndStatsArePrinted() {
        api.on("POST /v0/sql", 200, ANSWER);

        Cli.Result result = cli.run("sql", "--host", api.url(), "--token", "t", "--rows_limit", "5", "--stats", "SELECT * FROM e");

        assertThat(api.last("POST /v0/sql").form().get("q"))
                .containsExactly("SELECT * FROM (SELECT * FROM e) LIMIT 5 FORMAT JSON");
        assertThat(result.out()).contains("** Query took 0.001 seconds", "** Rows read: 12", "** Bytes read: 340");
    }

    @Test
    void aServerErrorGivesANonZeroExitAndTheMessage() {
        api.on("POST /v0/sql", 400, "{\"error\":\"Code: 62. DB::Exception: Syntax error\"}");

        Cli.Result result = cli.run("sql", "--host", api.url(), "--token", "t", "SELEC 1");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("Error 400").contains("Syntax error");
    }

    @Test
    void anUnreachableServerSaysHowToStartOne() {
        String deadHost = api.url();
        api.close();

        Cli.Result result = cli.run("sql", "--host", deadHost, "SELECT 1");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Cannot reach Starling at " + deadHost, "starling local start", "bin/starling local");
    }
}
