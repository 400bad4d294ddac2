package io.starling.sql.format.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WITH TOTALS in the output formats: a "totals" key in JSON, a row after an empty line in TSV and CSV. */
class TotalsOutputTest {
    private static final String QUERY =
            "SELECT toString(number % 2) AS k, count() AS c FROM numbers(3) GROUP BY k WITH TOTALS ORDER BY k";

    private static String write(String format) {
        QueryResult result = new QueryEngine().execute(QUERY, QueryContext.of(Fixtures.provider()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write(format, result, 0.001, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonPutsTotalsAfterData() {
        assertThat(write("JSON")).contains("\t\"data\":\n\t[\n\t\t{\n\t\t\t\"k\": \"0\",\n\t\t\t\"c\": 2\n\t\t},\n"
                + "\t\t{\n\t\t\t\"k\": \"1\",\n\t\t\t\"c\": 1\n\t\t}\n\t],\n\n"
                + "\t\"totals\":\n\t{\n\t\t\"k\": \"\",\n\t\t\"c\": 3\n\t},\n\n\t\"rows\": 2,");
    }

    @Test
    void jsonCompactWritesTotalsAsAnArray() {
        assertThat(write("JSONCompact")).contains("\t],\n\n\t\"totals\": [\"\",3],\n\n\t\"rows\": 2,");
    }

    @Test
    void separatedFormatsAddTheTotalsRowAfterAnEmptyLine() {
        assertThat(write("TSV")).isEqualTo("0\t2\n1\t1\n\n\t3\n");
        assertThat(write("CSVWithNames")).isEqualTo("\"k\",\"c\"\n\"0\",2\n\"1\",1\n\n\"\",3\n");
    }

    @Test
    void withoutTotalsNothingIsAdded() {
        QueryResult result = new QueryEngine().execute("SELECT 1 AS x", QueryContext.of(Fixtures.provider()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("JSON", result, 0.001, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("totals");
        assertThat(result.totals()).isNull();
    }
}
