package io.starling.sql.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.output.OutputFormats;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Loads every Parquet file of ClickHouse's {@code 00900_long_parquet_load} test with ClickHouse's column list
 * ({@code X.parquet.columns}, each column read by {@code $.name}) and compares the TabSeparated output with
 * ClickHouse's reference (numbers compared by value, so {@code 1} equals {@code 1.00}). Each file's outcome is
 * pinned below: PASS, REFUSED (a clear error before any row is read) or DIFFERS (and why).
 */
class ClickHouseParquetFilesTest {
    private static final Path DATA = locate("shared/data/clickhouse-parquet");

    enum Outcome { PASS, REFUSED, DIFFERS }

    /** What each file gives today, with the reason where it is not PASS. */
    private static final Map<String, Outcome> EXPECTED = new LinkedHashMap<>();

    static {
        for (String file : List.of("alltypes_dictionary", "alltypes_list", "alltypes_plain", "binary", "alltypes_plain.snappy",
                "array_float", "array_int", "array_string", "byte_array_decimal", "datatype-date32",
                "dict-page-offset-zero", "fixed_length_decimal", "fixed_length_decimal_1",
                "fixed_length_decimal_legacy", "hadoop_lz4_compressed", "int32_decimal", "int64_decimal",
                "list_columns", "nested_lists", "nested_lists.snappy", "nested_maps.snappy", "nonnullable.impala",
                "nullable.impala", "nulls.snappy",
                "non_hadoop_lz4_compressed", "nullable_list", "single_nan", "userdata1", "userdata2", "userdata3",
                "userdata4", "userdata5", "v0.7.1.all-named-index", "v0.7.1.column-metadata-handling", "v0.7.1",
                "v0.7.1.some-named-index")) {
            EXPECTED.put(file, Outcome.PASS);
        }
        // ClickHouse fails on it too (its reference holds the error): DELTA_BINARY_PACKED data page v2 with a
        // column list that does not match the file (b is an INT32, not an array).
        EXPECTED.put("datapage_v2.snappy", Outcome.DIFFERS);
        // A deliberately malformed dictionary page that parquet-mr refuses (EOF) while ClickHouse's reader copes:
        // "Cannot read the Parquet file: EOFException; check that it is a complete, valid Parquet file".
        EXPECTED.put("nation.dict-malformed", Outcome.REFUSED);
    }

    @Test
    void everyFileLoadsAsPinned() throws IOException {
        Assumptions.assumeTrue(DATA != null, "shared/data/clickhouse-parquet is not beside the work tree");
        Map<String, List<String>> reference = reference();
        Map<String, String> report = new TreeMap<>();
        Map<String, Outcome> actual = new TreeMap<>();
        for (String file : reference.keySet()) {
            String base = file.substring(0, file.length() - ".parquet".length());
            Result result = load(file, reference.get(file));
            actual.put(base, result.outcome());
            report.put(base, result.outcome() + (result.detail() == null ? "" : ": " + result.detail()));
        }
        report.forEach((file, line) -> System.out.println(file + " -> " + line));
        assertThat(actual).as(String.join("\n", report.values())).containsExactlyInAnyOrderEntriesOf(
                new TreeMap<>(EXPECTED));
        assertThat(report.get("nation.dict-malformed")).contains("Cannot read the Parquet file");
        // Array(Date) from plain INT32 day numbers reads as ClickHouse reads it (days), column by column.
        assertThat(report.get("alltypes_list")).isEqualTo("PASS");
        // Maps, tuples from structs (nested lists of tuples, maps of tuples) and maps of maps are read column by
        // column, and so is the file whose column list does not match it (an INT32 into an Array column: each row
        // is quarantined, as the text path quarantines it): no file falls back to the text path.
        assertThat(fallbacks).as(fallbacks.toString()).isEmpty();
    }

    /** Files read through the NDJSON text path (a column shape the columnar reader does not read), and why. */
    private final Map<String, List<String>> fallbacks = new TreeMap<>();

    private record Result(Outcome outcome, String detail) {
    }

    private Result load(String file, List<String> expectedLines) throws IOException {
        List<ColumnDefinition> definitions;
        try {
            definitions = columns(Files.readString(DATA.resolve("data_parquet").resolve(file + ".columns")).strip());
        } catch (RuntimeException e) {
            return new Result(Outcome.REFUSED, e.getMessage());
        }
        List<IngestColumn> columns = new ArrayList<>();
        for (ColumnDefinition definition : definitions) {
            columns.add(new IngestColumn(definition.name(), definition.type(), "$." + definition.name(), null));
        }
        ParsedRows parsed;
        try (ParquetFile parquet = ParquetFile.read(Files.newInputStream(DATA.resolve("data_parquet").resolve(file)))) {
            List<String> reasons = ParquetInput.fallbackReasons(parquet, columns);
            if (!reasons.isEmpty()) {
                fallbacks.put(file.substring(0, file.length() - ".parquet".length()), reasons);
            }
            parsed = ParquetInput.parse(parquet, columns);
        } catch (RuntimeException e) {
            return new Result(Outcome.REFUSED, e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormats.write("TSV", new QueryResult(definitions, parsed.blocks(), -1, 0, 0, null), 0, out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        if (lines.size() > expectedLines.size()) {
            lines = lines.subList(0, expectedLines.size());
        }
        if (!parsed.quarantined().isEmpty()) {
            return new Result(Outcome.DIFFERS, parsed.quarantined().size() + " rows quarantined, e.g. "
                    + parsed.quarantined().get(0).errors());
        }
        if (lines.size() != expectedLines.size()) {
            return new Result(Outcome.DIFFERS, lines.size() + " rows, reference has " + expectedLines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!sameLine(lines.get(i), expectedLines.get(i))) {
                return new Result(Outcome.DIFFERS, "row " + i + ": [" + lines.get(i) + "] vs [" + expectedLines.get(i)
                        + "]");
            }
        }
        return new Result(Outcome.PASS, null);
    }

    private static boolean sameLine(String ours, String theirs) {
        String[] left = ours.split("\t", -1);
        String[] right = theirs.split("\t", -1);
        if (left.length != right.length) {
            return false;
        }
        for (int i = 0; i < left.length; i++) {
            if (!sameValue(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }

    /** Equal text, or numbers of equal value, element by element inside [..] and {..}. */
    private static boolean sameValue(String ours, String theirs) {
        if (ours.equals(theirs)) {
            return true;
        }
        String[] left = ours.split("[\\[\\]{},:]", -1);
        String[] right = theirs.split("[\\[\\]{},:]", -1);
        if (left.length != right.length) {
            return false;
        }
        for (int i = 0; i < left.length; i++) {
            if (!left[i].equals(right[i]) && !sameNumber(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(String left, String right) {
        try {
            return new BigDecimal(left).compareTo(new BigDecimal(right)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** ClickHouse's column list: {@code `a` Nullable(Int32), b Array(String)}. */
    private static List<ColumnDefinition> columns(String text) {
        List<ColumnDefinition> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : ',';
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                String entry = text.substring(start, i).strip();
                int space = entry.indexOf(' ');
                String name = entry.substring(0, space).replace("`", "");
                String typeText = entry.substring(space + 1).strip().replace("Datetime(", "DateTime(");
                DataType type = DataTypes.parse(typeText);
                columns.add(new ColumnDefinition(name, type));
                start = i + 1;
            }
        }
        return columns;
    }

    /** The reference's rows per file ({@code === Try load data from X.parquet} headers). */
    private static Map<String, List<String>> reference() throws IOException {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(DATA.resolve("00900_long_parquet_load.reference"))) {
            if (line.startsWith("=== Try load data from ")) {
                current = new ArrayList<>();
                sections.put(line.substring("=== Try load data from ".length()).strip(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return sections;
    }

    private static Path locate(String relative) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            for (Path candidate : List.of(directory.resolve(relative), directory.resolve("..").resolve(relative))) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
            directory = directory.getParent();
        }
        return null;
    }
}
