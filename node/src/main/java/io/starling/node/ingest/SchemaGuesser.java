package io.starling.node.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.starling.sql.format.input.CsvDialect;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Guesses a data source schema from a sample of CSV or NDJSON (spec data-plane §4.3, §1.2.8): column names,
 * types, nullability and, for NDJSON, jsonpaths.
 *
 * <ul>
 *   <li>CSV: the first row is a header when none of its fields is a number or date and some column below it
 *       is; header names are normalised (lowercase, other characters than letters/digits → {@code _}, a leading
 *       digit gets {@code c_}); without a header columns are {@code column_00}, {@code column_01}...;</li>
 *   <li>NDJSON: nested objects flatten to {@code a_b} with {@code $.a.b}; arrays of scalars are
 *       {@code Array(T)} with {@code $.a[:]}; the fields of arrays of objects become {@code items__productId}
 *       with {@code $.items[:].productId}; arrays of arrays and mixed values are String (raw JSON);</li>
 *   <li>types come from {@link TypeTally}; with {@code typeGuessing=false} every column is String
 *       (Nullable when values are missing).</li>
 * </ul>
 */
public final class SchemaGuesser {
    /** Rows of the sample looked at (after that, the guess is stable enough). */
    public static final int MAX_SAMPLE_ROWS = 10_000;
    public static final int PREVIEW_ROWS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaGuesser() {
    }

    /** One guessed column; {@code jsonPath} is null for CSV; {@code presentPct} in 0..100. */
    public record GuessedColumn(String name, String type, String jsonPath, double presentPct) {
        /** {@code name Type `json:$.path`} as a schema= entry. */
        public String schemaEntry() {
            String quoted = name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name + "`";
            return quoted + " " + type + (jsonPath == null ? "" : " `json:" + jsonPath + "`");
        }

        public boolean nullable() {
            return type.startsWith("Nullable(");
        }
    }

    /**
     * A guess: the columns, the first rows of the sample (one value per column, JSON, null when missing), how
     * much of the sample was read, and whether the CSV's first row is a header (skip it when loading: its
     * names may differ from the normalised column names).
     */
    public record Guess(List<GuessedColumn> columns, List<List<JsonNode>> preview, long rowsRead, long bytesRead,
                        boolean csvHeader) {
        public String schema() {
            return String.join(", ", columns.stream().map(GuessedColumn::schemaEntry).toList());
        }

        /** First non-Nullable date/time column, else numeric, else String column; null when there is none. */
        public String sortingKey() {
            for (String family : List.of("Date", "Int", "String")) {
                for (GuessedColumn column : columns) {
                    String type = column.type();
                    boolean matches = family.equals("Int") ? type.matches("U?Int\\d+|Float64")
                            : family.equals("Date") ? type.startsWith("Date") : type.equals("String");
                    if (matches) {
                        return column.name();
                    }
                }
            }
            return null;
        }

        /** {@code toYear(col)} of the sorting key when it is a date/time column, else null. */
        public String partitionKey() {
            String sorting = sortingKey();
            if (sorting == null) {
                return null;
            }
            for (GuessedColumn column : columns) {
                if (sorting.equals(column.name()) && column.type().startsWith("Date")) {
                    return "toYear(" + sorting + ")";
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- NDJSON

    /** Guesses from NDJSON lines ({@code sample} may end mid-line when {@code complete} is false). */
    public static Guess fromNdjson(byte[] sample, int length, boolean complete, boolean typeGuessing) {
        Map<String, Path> paths = new LinkedHashMap<>();
        List<JsonNode> previewObjects = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        int start = 0;
        while (start < length && rows < MAX_SAMPLE_ROWS) {
            int end = start;
            while (end < length && sample[end] != '\n') {
                end++;
            }
            if (end == length && !complete) {
                break;
            }
            bytes += end - start + 1;
            String line = new String(sample, start, end - start, StandardCharsets.UTF_8).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (java.io.IOException e) {
                continue;
            }
            if (node == null || !node.isObject()) {
                continue;
            }
            rows++;
            Set<String> seen = new HashSet<>();
            walk(node, "$", "", paths, seen);
            for (Map.Entry<String, Path> entry : paths.entrySet()) {
                if (!seen.contains(entry.getKey())) {
                    entry.getValue().tally.missing();
                }
            }
            if (previewObjects.size() < PREVIEW_ROWS) {
                previewObjects.add(node);
            }
        }
        if (rows == 0) {
            throw new StarlingException(ErrorCode.INCORRECT_DATA, "Cannot guess a schema: the data has no JSON "
                    + "object per line; send NDJSON, or create the data source with schema=...");
        }
        List<GuessedColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path path : paths.values()) {
            // a column first seen after row 1 was missing in the rows before it
            long absent = rows - path.tally.seen();
            for (long i = 0; i < absent; i++) {
                path.tally.missing();
            }
            String type = path.tally.type(typeGuessing);
            String jsonPath = path.jsonPath + (path.tally.isArray() ? "[:]" + path.elementSuffix : "");
            if (!path.elementSuffix.isEmpty() && !path.tally.isArray()) {
                continue;
            }
            columns.add(new GuessedColumn(unique(normalise(path.name, false), names), type, jsonPath,
                    100.0 * path.tally.present() / rows));
        }
        List<List<JsonNode>> preview = new ArrayList<>();
        for (JsonNode object : previewObjects) {
            List<JsonNode> values = new ArrayList<>();
            for (GuessedColumn column : columns) {
                values.add(extract(object, column.jsonPath()));
            }
            preview.add(values);
        }
        return new Guess(columns, preview, rows, bytes, false);
    }

    /** A jsonpath seen in the sample. {@code elementSuffix} is {@code .field} for fields of arrays of objects. */
    private static final class Path {
        final String jsonPath;
        final String name;
        final String elementSuffix;
        final TypeTally tally = new TypeTally();

        Path(String jsonPath, String name, String elementSuffix) {
            this.jsonPath = jsonPath;
            this.name = name;
            this.elementSuffix = elementSuffix;
        }
    }

    private static void walk(JsonNode object, String jsonPath, String prefix, Map<String, Path> paths, Set<String> seen) {
        var fields = object.properties();
        for (Map.Entry<String, JsonNode> field : fields) {
            String key = field.getKey();
            String childPath = jsonPath + (key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : ".['" + key + "']");
            String name = prefix.isEmpty() ? key : prefix + "_" + key;
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                walk(value, childPath, name, paths, seen);
                continue;
            }
            if (value.isArray() && !value.isEmpty() && allObjects(value)) {
                // fields of an array of objects: items__productId Array(T) `$.items[:].productId`
                Map<String, List<JsonNode>> byField = new LinkedHashMap<>();
                for (JsonNode element : value) {
                    element.properties().forEach(entry ->
                            byField.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
                }
                for (Map.Entry<String, List<JsonNode>> entry : byField.entrySet()) {
                    String id = childPath + "[:]." + entry.getKey();
                    Path path = paths.computeIfAbsent(id, k -> new Path(childPath, name + "__" + entry.getKey(),
                            "." + entry.getKey()));
                    seen.add(id);
                    TypeTally elements = path.tally.array();
                    for (JsonNode element : entry.getValue()) {
                        observe(elements, element);
                    }
                }
                continue;
            }
            Path path = paths.computeIfAbsent(childPath, k -> new Path(childPath, name, ""));
            seen.add(childPath);
            observe(path.tally, value);
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static void observe(TypeTally tally, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            tally.missing();
        } else if (value.isBoolean()) {
            tally.bool();
        } else if (value.isNumber()) {
            tally.number(value.asText());
        } else if (value.isTextual()) {
            tally.text(value.asText(), false);
        } else if (value.isArray()) {
            TypeTally elements = tally.array();
            for (JsonNode element : value) {
                if (element.isArray() || element.isObject()) {
                    elements.other();
                } else {
                    observe(elements, element);
                }
            }
        } else {
            tally.other();
        }
    }

    /** The value at a guessed jsonpath ($.a.b, $.a[:], $.a[:].f, $.['k']) for previews. */
    static JsonNode extract(JsonNode object, String jsonPath) {
        String rest = jsonPath.substring(1);
        JsonNode current = object;
        while (!rest.isEmpty() && current != null) {
            if (rest.startsWith("[:]")) {
                rest = rest.substring(3);
                if (!rest.isEmpty() && current.isArray()) {
                    var array = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode element : current) {
                        JsonNode field = extract(element, "$" + rest);
                        array.add(field == null ? JsonNodeFactory.instance.nullNode() : field);
                    }
                    return array;
                }
                continue;
            }
            String key;
            if (rest.startsWith(".['")) {
                int close = rest.indexOf("']");
                key = rest.substring(3, close);
                rest = rest.substring(close + 2);
            } else {
                int next = 1;
                while (next < rest.length() && rest.charAt(next) != '.' && rest.charAt(next) != '[') {
                    next++;
                }
                key = rest.substring(1, next);
                rest = rest.substring(next);
            }
            current = current.get(key);
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    // ------------------------------------------------------------------------------------------- CSV

    /** Guesses from CSV ({@code sample} may end mid-line when {@code complete} is false). */
    public static Guess fromCsv(byte[] sample, int length, boolean complete, CsvDialect dialect, boolean typeGuessing) {
        int usable = length;
        if (!complete) {
            while (usable > 0 && sample[usable - 1] != '\n') {
                usable--;
            }
        }
        String text = new String(sample, 0, usable, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = dialect != null && dialect.delimiter() != 0 ? dialect.delimiter() : guessDelimiter(text);
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                records.add(record.getFields());
                if (records.size() > MAX_SAMPLE_ROWS) {
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            if (records.isEmpty()) {
                throw new StarlingException(ErrorCode.INCORRECT_DATA, "Cannot guess a schema from the CSV: "
                        + e.getMessage() + "; create the data source with schema=...");
            }
        }
        if (records.isEmpty()) {
            throw new StarlingException(ErrorCode.INCORRECT_DATA, "Cannot guess a schema: the CSV has no rows; "
                    + "create the data source with schema=...");
        }
        int width = 0;
        for (List<String> record : records) {
            width = Math.max(width, record.size());
        }
        boolean header = looksLikeHeader(records);
        List<List<String>> rows = header ? records.subList(1, records.size()) : records;
        TypeTally[] tallies = new TypeTally[width];
        for (int i = 0; i < width; i++) {
            tallies[i] = new TypeTally();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width; i++) {
                String value = i < row.size() ? row.get(i) : "";
                if (value.isEmpty() || value.equals("\\N")) {
                    tallies[i].missing();
                } else {
                    tallies[i].text(value, true);
                }
            }
        }
        List<GuessedColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < width; i++) {
            String name = header && i < records.get(0).size() && !records.get(0).get(i).isBlank()
                    ? normalise(records.get(0).get(i), true) : String.format(Locale.ROOT, "column_%02d", i);
            double present = rows.isEmpty() ? 0 : 100.0 * tallies[i].present() / rows.size();
            columns.add(new GuessedColumn(unique(name, names), tallies[i].type(typeGuessing), null, present));
        }
        List<List<JsonNode>> preview = new ArrayList<>();
        for (List<String> row : rows.subList(0, Math.min(PREVIEW_ROWS, rows.size()))) {
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                String value = i < row.size() ? row.get(i) : "";
                values.add(csvValue(value, columns.get(i).type()));
            }
            preview.add(values);
        }
        return new Guess(columns, preview, rows.size(), usable, header);
    }

    private static JsonNode csvValue(String value, String type) {
        if (value.isEmpty() && type.startsWith("Nullable(")) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            String base = type.startsWith("Nullable(") ? type.substring(9, type.length() - 1) : type;
            if (base.startsWith("Int") || base.startsWith("UInt")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value));
            }
            if (base.equals("Float64")) {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
            }
            if (base.equals("Bool")) {
                return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
            }
        } catch (NumberFormatException e) {
            // fall back to the text
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    /** Row 1 is a header when none of its fields looks like data (number, date) but some field below does. */
    private static boolean looksLikeHeader(List<List<String>> records) {
        List<String> first = records.get(0);
        for (String field : first) {
            TypeTally tally = new TypeTally();
            if (field.isBlank()) {
                return false;
            }
            tally.text(field, true);
            if (!tally.type(true).equals("String")) {
                return false;
            }
        }
        if (records.size() == 1) {
            return true;
        }
        for (int i = 0; i < first.size(); i++) {
            TypeTally below = new TypeTally();
            for (List<String> record : records.subList(1, records.size())) {
                if (i < record.size() && !record.get(i).isEmpty()) {
                    below.text(record.get(i), true);
                }
            }
            if (below.present() > 0 && !below.type(true).equals("String")) {
                return true;
            }
        }
        // all text: a header when its names are identifier-like and differ from every value below them
        for (int i = 0; i < first.size(); i++) {
            if (!first.get(i).strip().matches("[A-Za-z_][A-Za-z0-9_ .-]*")) {
                return false;
            }
        }
        return true;
    }

    private static char guessDelimiter(String text) {
        String[] lines = text.split("\n", 20);
        char best = ',';
        int bestScore = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            int first = count(lines[0], candidate);
            if (first == 0) {
                continue;
            }
            int same = 0;
            for (String line : lines) {
                same += count(line, candidate) == first ? 1 : 0;
            }
            int score = same * 1000 + first;
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    private static int count(String line, char candidate) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == candidate && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** Skips the CSV header row (up to its line break outside quotes) of a stream positioned at its start. */
    public static void skipHeader(java.io.InputStream body) throws java.io.IOException {
        boolean quoted = false;
        int b;
        while ((b = body.read()) >= 0) {
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------- names

    /** Column name rules: characters other than letters, digits and _ become _; a leading digit gets c_. */
    static String normalise(String raw, boolean lowercase) {
        String name = raw.strip();
        if (lowercase) {
            name = name.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            out.append(Character.isLetterOrDigit(ch) && ch < 128 || ch == '_' ? ch : '_');
        }
        if (out.isEmpty()) {
            out.append("column");
        }
        if (Character.isDigit(out.charAt(0))) {
            out.insert(0, "c_");
        }
        return out.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 1; !taken.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }
}
