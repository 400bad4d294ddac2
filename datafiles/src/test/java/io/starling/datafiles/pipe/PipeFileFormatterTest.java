package io.starling.datafiles.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.datafiles.datasource.DatasourceFile.TokenGrant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipeFileFormatterTest {

    @ParameterizedTest
    @ValueSource(strings = {"ENDPOINT", "MATERIALIZED", "COPY", "SINK"})
    void realisticPipesRoundTrip(String which) throws Exception {
        String text = (String) PipeFileTest.class.getDeclaredField(which).get(null);
        PipeFile parsed = PipeFile.parse(text, "x.pipe");
        String formatted = PipeFileFormatter.format(parsed);
        assertThat(PipeFile.parse(formatted, "x.pipe")).isEqualTo(parsed);
        assertThat(PipeFileFormatter.format(PipeFile.parse(formatted, "x.pipe"))).isEqualTo(formatted);
    }

    @Test
    void writesTheCanonicalLayout() {
        PipeFile pipe = PipeFile.parse(PipeFileTest.COPY, "copy.pipe");
        assertThat(PipeFileFormatter.format(pipe)).isEqualTo("""
                DESCRIPTION >
                    Hourly snapshot of the latest product state

                NODE latest_products
                SQL >
                    %
                    {{ max_threads(1) }}
                    SELECT product_id, argMax(price, updated_at) AS price
                    FROM products
                    WHERE updated_at <= toStartOfHour({{ DateTime(job_timestamp, '2024-01-01 00:00:00') }})
                    GROUP BY product_id
                TYPE copy
                TARGET_DATASOURCE products_snapshot
                COPY_SCHEDULE 0 * * * *
                COPY_MODE replace
                """);
    }

    @Test
    void quotesValuesThatWouldNotReadBack() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("EXPORT_FILE_TEMPLATE", "a # not a comment");
        settings.put("EXPORT_FORMAT", "");
        settings.put("EXPORT_BUCKET_URI", "'quoted'");
        settings.put("EXPORT_STRATEGY", "line one\nline two");
        settings.put("EXPORT_COMPRESSION", ">");
        PipeNode node = new PipeNode("n", "", "SELECT 1\n\n  -- indented comment\nFROM t", PipeType.SINK, null, null,
                null, null, settings);
        PipeFile pipe = new PipeFile("q", "   ", List.of("a"), List.of(new TokenGrant("t", "READ")), List.of(),
                Map.of("VERSION", "1"), List.of(node));
        String formatted = PipeFileFormatter.format(pipe);
        assertThat(PipeFile.parse(formatted, "q.pipe")).isEqualTo(pipe);
    }
}
