package io.starling.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.starling.sql.testing.Fixtures;
import io.starling.sql.testing.Tsv;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code queries/<topic>/<name>.sql} and compares its TabSeparated output with {@code <name>.reference}.
 * A file holds statements ending with {@code ;} at the end of a line. A statement preceded by
 * {@code -- error: CODE_NAME} must fail with that code and prints nothing; {@code -- columns} before a statement
 * prints its column names and types first; {@code -- param_name=value} lines give query parameter values
 * ({@code {name:Type}}). Adding a case is adding two files.
 * With {@code -Dgolden.write=true} missing references are written from the actual output (review them!).
 */
class GoldenQueryTest {
    private static final Pattern ERROR = Pattern.compile("^--\\s*error:\\s*(\\w+)\\s*$", Pattern.MULTILINE);
    private static final Pattern PARAMETER = Pattern.compile("^--\\s*param_(\\w+)=(.*)$", Pattern.MULTILINE);
    private final QueryEngine engine = new QueryEngine();

    @TestFactory
    Stream<DynamicTest> goldenQueries() throws IOException, URISyntaxException {
        Path root = Paths.get(getClass().getResource("/queries").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> queries = files.filter(path -> path.toString().endsWith(".sql")).sorted().toList();
            return queries.stream().map(path -> DynamicTest.dynamicTest(root.relativize(path).toString(), () -> check(path)));
        }
    }

    private void check(Path sqlFile) throws IOException {
        String script = Files.readString(sqlFile, StandardCharsets.UTF_8);
        StringBuilder actual = new StringBuilder();
        for (String statement : statements(script)) {
            actual.append(run(statement));
        }
        Path reference = Path.of(sqlFile.toString().replaceAll("\\.sql$", ".reference"));
        if (!Files.exists(reference)) {
            if (Boolean.getBoolean("golden.write")) {
                Path source = Path.of("src/test/resources/queries").resolve(
                        sqlFile.getParent().getFileName().toString()).resolve(reference.getFileName().toString());
                Files.writeString(source, actual.toString(), StandardCharsets.UTF_8);
            }
            fail("No reference file for " + sqlFile.getFileName() + "; actual output:\n" + actual);
        }
        assertThat(actual.toString()).as(sqlFile.getFileName().toString())
                .isEqualTo(Files.readString(reference, StandardCharsets.UTF_8));
    }

    private String run(String statement) {
        Matcher error = ERROR.matcher(statement);
        QueryContext context = QueryContext.of(Fixtures.provider());
        Matcher parameter = PARAMETER.matcher(statement);
        java.util.Map<String, String> parameters = new java.util.HashMap<>();
        while (parameter.find()) {
            parameters.put(parameter.group(1), parameter.group(2));
        }
        context = context.withParameters(parameters);
        if (error.find()) {
            try {
                QueryResult result = engine.execute(statement, context);
                fail("Expected error " + error.group(1) + " but got " + result.rowCount() + " rows for: " + statement);
            } catch (StarlingException e) {
                assertThat(e.errorCode().name()).as(statement + " -> " + e.getMessage()).isEqualTo(error.group(1));
            }
            return "";
        }
        QueryResult result = engine.execute(statement, context);
        StringBuilder out = new StringBuilder();
        if (statement.contains("-- columns")) {
            for (var column : result.columns()) {
                out.append(column.name()).append('\t').append(column.type().name()).append('\n');
            }
        }
        if (statement.contains("-- rows_before_limit")) {
            out.append("rows_before_limit=").append(result.rowsBeforeLimit()).append('\n');
        }
        return out.append(Tsv.format(result)).toString();
    }

    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                statements.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank() && !current.toString().lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
            statements.add(current.toString());
        }
        return statements;
    }
}
