package io.starling.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.cli.support.Cli;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.pipe.PipeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling fmt}: canonical layout, same meaning, idempotent; works without a server. */
class FmtCommandTest {
    private static final String MESSY_DATASOURCE = """
            # Orders landing data source
            DESCRIPTION >
                  Orders from the shop

            TOKEN tracker APPEND
            SCHEMA >
              orderId String `json:$.orderId`,
                storeId UInt32 `json:$.storeId` DEFAULT 0,
              `timestamp` DateTime64(3) `json:$.timestamp` CODEC(Delta, ZSTD(1)),
              tags Array(LowCardinality(String)) `json:$.tags[:]`,
              amount Nullable(Float64) `json:$.amount`
            ENGINE_SORTING_KEY "storeId, timestamp"   # keep in sync with queries
            ENGINE "ReplacingMergeTree"
            ENGINE_PARTITION_KEY 'toYYYYMM(timestamp)'
            ENGINE_VER timestamp
            ENGINE_TTL "toDateTime(timestamp) + INTERVAL 90 DAY"
            FORWARD_QUERY >
                SELECT * except 'storeId', toUInt32(storeId) AS storeId
            """;

    private static final String MESSY_PIPE = """
            # Revenue per store
            DESCRIPTION >
                Revenue endpoint

            NODE filtered
            SQL >
                %
                SELECT * FROM orders
                WHERE storeId = {{ UInt32(store, 1) }}

            NODE revenue
            SQL >
                  SELECT storeId, sum(amount) AS revenue
                  FROM filtered
                  GROUP BY storeId
            TYPE Endpoint
            """;

    @TempDir
    Path dir;

    @Test
    void aDatasourceIsRewrittenCanonicallyWithTheSameMeaning() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.datasource"), MESSY_DATASOURCE);

        Cli.Result result = new Cli(dir).run("fmt", "orders.datasource");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("✓ orders.datasource formatted");
        String formatted = Files.readString(file);
        assertThat(formatted).doesNotContain("#").contains("""
                SCHEMA >
                    `orderId` String `json:$.orderId`,
                    `storeId` UInt32 `json:$.storeId` DEFAULT 0,
                    `timestamp` DateTime64(3) `json:$.timestamp` CODEC(Delta, ZSTD(1)),
                """).contains("""
                ENGINE ReplacingMergeTree
                ENGINE_PARTITION_KEY toYYYYMM(timestamp)
                ENGINE_SORTING_KEY storeId, timestamp
                ENGINE_TTL toDateTime(timestamp) + INTERVAL 90 DAY
                ENGINE_VER timestamp
                """);
        assertThat(formatted.indexOf("DESCRIPTION >")).isLessThan(formatted.indexOf("TOKEN tracker APPEND"));
        assertThat(formatted.indexOf("SCHEMA >")).isLessThan(formatted.indexOf("ENGINE "));
        assertThat(DatasourceFile.parse(formatted, "orders.datasource"))
                .isEqualTo(DatasourceFile.parse(MESSY_DATASOURCE, "orders.datasource"));

        Cli.Result again = new Cli(dir).run("fmt", "orders.datasource");
        assertThat(again.out()).contains("already formatted");
        assertThat(Files.readString(file)).isEqualTo(formatted);
    }

    @Test
    void aPipeIsRewrittenCanonicallyWithTheSameMeaning() throws IOException {
        Files.writeString(dir.resolve("revenue.pipe"), MESSY_PIPE);

        Cli.Result result = new Cli(dir).run("fmt", "revenue.pipe", "--dry-run");

        assertThat(result.exit()).isZero();
        String formatted = result.out();
        assertThat(formatted).doesNotContain("# Revenue").contains("NODE revenue\nSQL >\n    SELECT storeId, sum(amount) AS revenue\n");
        assertThat(PipeFile.parse(formatted, "revenue.pipe")).isEqualTo(PipeFile.parse(MESSY_PIPE, "revenue.pipe"));
        assertThat(Files.readString(dir.resolve("revenue.pipe"))).isEqualTo(MESSY_PIPE);
        assertThat(FmtCommand.format(formatted, "revenue.pipe")).isEqualTo(formatted);
    }

    @Test
    void diffExitsOneWhenTheFileIsNotFormattedAndZeroWhenItIs() throws IOException {
        Files.writeString(dir.resolve("orders.datasource"), MESSY_DATASOURCE);

        Cli.Result unformatted = new Cli(dir).run("fmt", "orders.datasource", "--diff");
        assertThat(unformatted.exit()).isEqualTo(1);
        assertThat(unformatted.out()).contains("- ENGINE \"ReplacingMergeTree\"", "+ ENGINE ReplacingMergeTree");

        new Cli(dir).run("fmt", "orders.datasource");
        assertThat(new Cli(dir).run("fmt", "orders.datasource", "--diff").exit()).isZero();
    }

    @Test
    void aSyntaxErrorNamesTheLine() throws IOException {
        Files.writeString(dir.resolve("bad.datasource"), "SCHEMA >\n    a String\nENGINE_SORTING_KY a\n");

        Cli.Result result = new Cli(dir).run("fmt", "bad.datasource");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("bad.datasource:3", "ENGINE_SORTING_KY");
    }
}
