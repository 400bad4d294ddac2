package io.starling.datafiles.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import io.starling.datafiles.template.RenderedSql;
import io.starling.datafiles.template.Template;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipeFileTest {
    static final String ENDPOINT = """
            TOKEN dashboard READ
            TOKEN "ops_read" read
            DESCRIPTION >
                Sales by hour, filtered by date and country.

                Used by the **sales dashboard**.
            TAGS sales, dashboards

            NODE daily_sales
            DESCRIPTION >
                Aggregates the last day
            SQL >
                %
                SELECT day, country, sum(total_sales) AS total_sales
                FROM sales_by_hour
                WHERE day BETWEEN toStartOfDay(now()) - interval 1 day AND toStartOfDay(now())
                    AND country = {{ String(country, 'US', description="ISO country code") }}

                GROUP BY day, country

            NODE result
            SQL >
                %
                SELECT * FROM daily_sales
                LIMIT {{ Int32(page_size, 100) }}
                OFFSET {{ Int32(page, 0) * Int32(page_size, 100) }}

            TYPE ENDPOINT
            """;

    static final String MATERIALIZED = """
            # Rolls raw events up into daily counts
            NODE transformation_node
            SQL >
                SELECT id, local_date, name, sum(count) AS total_count
                FROM my_origin
                GROUP BY id, local_date, name
            TYPE materialized
            DATASOURCE my_destination
            DEPLOYMENT_METHOD alter
            """;

    static final String COPY = """
            DESCRIPTION "Hourly snapshot of the latest product state"

            NODE latest_products
            SQL >
                %
                {{ max_threads(1) }}
                SELECT product_id, argMax(price, updated_at) AS price
                FROM products
                WHERE updated_at <= toStartOfHour({{ DateTime(job_timestamp, '2024-01-01 00:00:00') }})
                GROUP BY product_id
            TYPE COPY
            TARGET_DATASOURCE products_snapshot
            COPY_SCHEDULE "0 * * * *"  -- Every hour
            COPY_MODE REPLACE
            """;

    static final String SINK = """
            NODE export
            SQL >
                SELECT * FROM invoices WHERE day = yesterday()
            TYPE sink
            EXPORT_CONNECTION_NAME s3_exports # The name of the .connection file
            EXPORT_BUCKET_URI s3://bucket/invoices
            EXPORT_FILE_TEMPLATE "invoices_{customer_id}"
            EXPORT_SCHEDULE 0 6 * * *
            EXPORT_FORMAT ndjson
            EXPORT_COMPRESSION gz
            """;

    @Test
    void parsesAnEndpointPipe() {
        PipeFile pipe = PipeFile.parse(ENDPOINT, "endpoints/sales_by_country.pipe");
        assertThat(pipe.name()).isEqualTo("sales_by_country");
        assertThat(pipe.tokens()).containsExactly(new TokenGrant("dashboard", "READ"), new TokenGrant("ops_read", "READ"));
        assertThat(pipe.description()).isEqualTo("Sales by hour, filtered by date and country.\n\nUsed by the **sales "
                + "dashboard**.");
        assertThat(pipe.tags()).containsExactly("sales", "dashboards");
        assertThat(pipe.nodes()).extracting(PipeNode::name).containsExactly("daily_sales", "result");
        assertThat(pipe.type()).isEqualTo(PipeType.ENDPOINT);
        assertThat(pipe.outputNode().name()).isEqualTo("result");

        PipeNode first = pipe.node("daily_sales");
        assertThat(first.description()).isEqualTo("Aggregates the last day");
        assertThat(first.type()).isNull();
        assertThat(first.isTemplated()).isTrue();
        assertThat(first.sql()).startsWith("%\nSELECT day, country").contains("\n    AND country = ")
                .contains("\n\nGROUP BY day, country").doesNotEndWith("\n");
    }

    @Test
    void endpointNodesRenderWithParameters() {
        PipeFile pipe = PipeFile.parse(ENDPOINT, "sales.pipe");
        Template result = Template.parse(pipe.node("result").sql());
        RenderedSql rendered = result.render(Map.of("page", "2", "page_size", "10"));
        assertThat(rendered.sql()).isEqualTo("SELECT * FROM daily_sales\nLIMIT 10\nOFFSET 20");
        assertThat(rendered.parameters()).extracting(p -> p.name() + ":" + p.type() + "=" + p.defaultValue())
                .containsExactly("page_size:Int32=100", "page:Int32=0");

        Template first = Template.parse(pipe.node("daily_sales").sql());
        assertThat(first.render(Map.of("country", "ES")).sql()).contains("AND country = 'ES'");
        assertThat(first.parameters().getFirst().description()).isEqualTo("ISO country code");
    }

    @Test
    void parsesAMaterializedPipe() {
        PipeFile pipe = PipeFile.parse(MATERIALIZED, "materializations/daily_counts.pipe");
        PipeNode node = pipe.outputNode();
        assertThat(pipe.type()).isEqualTo(PipeType.MATERIALIZED);
        assertThat(node.datasource()).isEqualTo("my_destination");
        assertThat(node.setting("DEPLOYMENT_METHOD")).isEqualTo("alter");
        assertThat(node.isTemplated()).isFalse();
        assertThat(node.sql()).isEqualTo("""
                SELECT id, local_date, name, sum(count) AS total_count
                FROM my_origin
                GROUP BY id, local_date, name""");
    }

    @Test
    void parsesACopyPipe() {
        PipeFile pipe = PipeFile.parse(COPY, "copies/products_snapshot.pipe");
        PipeNode node = pipe.outputNode();
        assertThat(pipe.description()).isEqualTo("Hourly snapshot of the latest product state");
        assertThat(pipe.type()).isEqualTo(PipeType.COPY);
        assertThat(node.targetDatasource()).isEqualTo("products_snapshot");
        assertThat(node.copySchedule()).isEqualTo("0 * * * *");
        assertThat(node.copyMode()).isEqualTo("replace");
        RenderedSql rendered = Template.parse(node.sql()).render(Map.of());
        assertThat(rendered.settings()).containsEntry("max_threads", "1");
        assertThat(rendered.sql()).startsWith("SELECT product_id").contains("toStartOfHour('2024-01-01 00:00:00')");
    }

    @Test
    void parsesASinkPipeKeepingExportSettingsRaw() {
        PipeNode node = PipeFile.parse(SINK, "sinks/invoices.pipe").outputNode();
        assertThat(node.type()).isEqualTo(PipeType.SINK);
        assertThat(node.settings()).containsExactly(
                Map.entry("EXPORT_CONNECTION_NAME", "s3_exports"),
                Map.entry("EXPORT_BUCKET_URI", "s3://bucket/invoices"),
                Map.entry("EXPORT_FILE_TEMPLATE", "invoices_{customer_id}"),
                Map.entry("EXPORT_SCHEDULE", "0 6 * * *"),
                Map.entry("EXPORT_FORMAT", "ndjson"),
                Map.entry("EXPORT_COMPRESSION", "gz"));
    }

    @Test
    void genericPipesHaveNoOutputAndKeepIncludesAndUnknownKeys() {
        PipeFile pipe = PipeFile.parse("""
                INCLUDE "../includes/common.incl" "ENV=prod"
                VERSION 3
                NODE a
                SQL SELECT 1
                NODE b
                SQL >
                    SELECT * FROM a
                """, "generic.pipe");
        assertThat(pipe.type()).isNull();
        assertThat(pipe.outputNode()).isNull();
        assertThat(pipe.includes()).containsExactly("\"../includes/common.incl\" \"ENV=prod\"");
        assertThat(pipe.settings()).containsEntry("VERSION", "3");
        assertThat(pipe.node("a").sql()).isEqualTo("SELECT 1");
    }

    @Test
    void acceptsWindowsLineEndingsAndTabs() {
        PipeFile pipe = PipeFile.parse("NODE n\r\nSQL >\r\n\tSELECT 1\r\n\tFROM t\r\nTYPE endpoint\r\n", "w.pipe");
        assertThat(pipe.node("n").sql()).isEqualTo("SELECT 1\nFROM t");
        assertThat(pipe.type()).isEqualTo(PipeType.ENDPOINT);
    }

    @Test
    void acceptsAnUnindentedTemplateMarkerAsTheFirstLineOfSql() {
        PipeFile pipe = PipeFile.parse("NODE n\nSQL >\n%\n    SELECT 1\n    {% if defined(x) %} WHERE 1 {% end %}\n"
                + "TYPE endpoint\n", "m.pipe");
        assertThat(pipe.node("n").sql()).isEqualTo("%\nSELECT 1\n{% if defined(x) %} WHERE 1 {% end %}");
        assertThat(Template.parse(pipe.node("n").sql()).isTemplated()).isTrue();
        assertThat(pipe.type()).isEqualTo(PipeType.ENDPOINT);
        // Only the first line of an SQL block: a % elsewhere is still not an instruction.
        assertError("NODE a\nSQL >\n    SELECT 1\n%\n", "p.pipe:4:", "is not an instruction");
        assertError("NODE a\nDESCRIPTION >\n%\n    text\n", "p.pipe:3:", "is not an instruction");
    }

    @Test
    void errorsNameFileAndLine() {
        assertError("NODE a\nSQL >\n    SELECT 1\nNODE b\nSQL >\n    SELECT 2\nTYPE endpoint\nNODE c\nSQL >\n"
                + "    SELECT 3\nTYPE copy\nTARGET_DATASOURCE x\n", "p.pipe:11:", "exactly one output node");
        assertError("NODE a\nSQL >\nSELECT 1\n", "p.pipe:3:", "outside the SQL > block");
        assertError("NODE a\nDESCRIPTION x\n", "p.pipe:1:", "node [a] has no SQL");
        assertError("NODE a\nSQL >\n    SELECT 1\nTYPE api\n", "p.pipe:4:", "TYPE [api]");
        assertError("NODE a\nSQL >\n    SELECT 1\nTYPE materialized\n", "p.pipe:4:", "has no DATASOURCE");
        assertError("NODE a\nSQL >\n    SELECT 1\nTYPE copy\n", "p.pipe:4:", "has no TARGET_DATASOURCE");
        assertError("NODE a\nSQL >\n    SELECT 1\nTYPE copy\nTARGET_DATASOURCE t\nCOPY_MODE upsert\n", "p.pipe:6:",
                "COPY_MODE [upsert]");
        assertError("SQL >\n    SELECT 1\n", "p.pipe:1:", "before the first NODE");
        assertError("NODE a\nSQL >\n    SELECT 1\nNODE a\nSQL >\n    SELECT 2\n", "p.pipe:4:", "defined twice");
        assertError("NODE a\nSQL >\n    SELECT 1\nSQL >\n    SELECT 2\n", "p.pipe:4:", "second SQL");
        assertError("NODE a\nSQL >\n\nTYPE endpoint\n", "p.pipe:2:", "has no indented lines");
        assertError("    SELECT 1\n", "p.pipe:1:", "outside a block");
        assertError("DESCRIPTION only\n", "p.pipe:1:", "has no NODE");
        assertError("TOKEN t APPEND\nNODE a\nSQL >\n    SELECT 1\n", "p.pipe:1:", "only READ");
        assertError("NODE a\nSQL >\n    SELECT 1\n{% if x %}\n", "p.pipe:4:", "is not an instruction");
    }

    private static void assertError(String text, String location, String what) {
        assertThatThrownBy(() -> PipeFile.parse(text, "p.pipe"))
                .isInstanceOf(StarlingException.class)
                .hasMessageStartingWith(location)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
    }
}
