package io.starling.sql.format.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.format.ValueText;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The fast byte scanner must read every line exactly as the Jackson walker does (it hands the lines it does not
 * take to Jackson): random valid, odd and broken lines are parsed both ways and compared value by value, byte by
 * byte, with the quarantined rows and the invalid/empty line counts.
 */
class NdjsonScannerEquivalenceTest {
    private static final String[] KEYS = {"s", "n", "f", "t", "b", "obj", "arr", "items", "lc", "nul", "x", "é", "a.b"};

    private static final List<IngestColumn> COLUMNS = List.of(
            column("s", "String", "$.s"),
            column("n", "Nullable(Int64)", "$.n"),
            column("u8", "Nullable(UInt8)", "$.n"),
            column("f", "Nullable(Float64)", "$.f"),
            column("t", "Nullable(DateTime)", "$.t"),
            column("b", "Nullable(Bool)", "$.b"),
            column("bn", "Nullable(Int32)", "$.b"),
            column("obj", "String", "$.obj"),
            column("inner", "Nullable(String)", "$.obj.s"),
            column("deep", "Nullable(Int32)", "$.obj.obj.n"),
            column("arr_s", "Array(String)", "$.arr[:]"),
            column("arr_n", "Array(Nullable(Int64))", "$.arr[:]"),
            column("ids", "Array(String)", "$.items[:].s"),
            column("nums", "Array(Int64)", "$.items[:].n"),
            column("lc", "LowCardinality(String)", "$.lc"),
            column("whole", "String", "$"),
            column("accent", "String", "$.é"),
            column("dotted", "String", "$.['a.b']"),
            column("arr_raw", "String", "$.arr"),
            column("ns", "Nullable(String)", "$.nul"),
            new IngestColumn("x", DataTypes.parse("Int32"), "$.x", "7"));

    private static IngestColumn column(String name, String type, String path) {
        return new IngestColumn(name, DataTypes.parse(type), path, null);
    }

    @Test
    void randomLinesReadTheSameThroughTheScannerAndThroughJackson() {
        Random random = new Random(20261121);
        long lines = 0;
        long fastLines = 0;
        long goodRows = 0;
        long quarantinedRows = 0;
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int line = 0; line < 40; line++) {
                byte[] bytes = line(random);
                body.writeBytes(bytes);
                body.write('\n');
            }
            byte[] input = body.toByteArray();
            Outcome fast = read(input, true);
            Outcome jackson = read(input, false);
            assertThat(fast.rows).as("round %d:\n%s", round, new String(input, StandardCharsets.UTF_8))
                    .isEqualTo(jackson.rows);
            assertThat(fast.quarantined).as("round %d", round).isEqualTo(jackson.quarantined);
            assertThat(fast.invalidLines).as("round %d", round).isEqualTo(jackson.invalidLines);
            assertThat(fast.emptyLines).isEqualTo(jackson.emptyLines);
            lines += 40 - fast.emptyLines;
            fastLines += 40 - fast.emptyLines - fast.fallbackLines;
            goodRows += fast.rows.size();
            quarantinedRows += fast.quarantined.size();
        }
        // the comparison covers both paths and every outcome
        assertThat(fastLines).isGreaterThan(lines / 3);
        assertThat(lines - fastLines).isGreaterThan(lines / 10);
        assertThat(goodRows).isGreaterThan(lines / 10);
        assertThat(quarantinedRows).isGreaterThan(lines / 10);
        System.out.printf("lines=%d fast=%d good=%d quarantined=%d%n", lines, fastLines, goodRows, quarantinedRows);
    }

    /**
     * Without a {@code $} column, a body's lines are walked without finding their ends first
     * ({@link NdjsonRowReader#readLineFrom}): the same random lines, some cut in two by a newline at a random place
     * (the walk must never join them), read as Jackson reads them line by line.
     */
    @Test
    void linesWalkedWithoutFindingTheirEndsFirstReadAsJacksonReadsThem() {
        List<IngestColumn> columns = COLUMNS.stream().filter(column -> !column.jsonPath().equals("$")).toList();
        Random random = new Random(20261122);
        long cut = 0;
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int line = 0; line < 40; line++) {
                byte[] bytes = line(random);
                if (bytes.length > 2 && random.nextInt(10) == 0) {
                    int at = 1 + random.nextInt(bytes.length - 1);
                    body.write(bytes, 0, at);
                    body.write('\n');
                    body.write(bytes, at, bytes.length - at);
                    cut++;
                } else {
                    body.writeBytes(bytes);
                }
                if (line < 39 || random.nextBoolean()) {
                    body.write('\n');
                }
            }
            byte[] input = body.toByteArray();
            NdjsonRowReader walker = new NdjsonRowReader(new RowAssembler(columns), columns, true);
            NdjsonInput.readLines(input, 0, input.length, walker);
            ParsedRows walked = walker.finish();
            Outcome jackson = read(input, false, columns);
            assertThat(render(walked)).as("round %d:\n%s", round, new String(input, StandardCharsets.UTF_8))
                    .isEqualTo(jackson.rows);
            assertThat(walked.quarantined()).as("round %d", round).isEqualTo(jackson.quarantined);
            assertThat(walked.invalidLines()).as("round %d", round).isEqualTo(jackson.invalidLines);
            assertThat(walked.emptyLines()).as("round %d", round).isEqualTo(jackson.emptyLines);
        }
        assertThat(cut).isGreaterThan(300);
    }

    @Test
    void plainLinesTakeTheFastPathAndOddOnesFallBack() {
        NdjsonRowReader reader = new NdjsonRowReader(new RowAssembler(COLUMNS), COLUMNS);
        byte[] plain = ("{\"s\":\"a\\\"b\",\"n\":-12,\"f\":1.5e3,\"t\":\"2024-01-01 00:00:00\",\"b\":true,"
                + "\"obj\":{\"s\":\"x\",\"obj\":{\"n\":3}},\"arr\":[1,null,2],\"items\":[{\"s\":\"i\"},{\"n\":4}],"
                + "\"lc\":\"é\",\"nul\":null}").getBytes(StandardCharsets.UTF_8);
        reader.readLine(plain, 0, plain.length);
        assertThat(reader.fallbackLines()).isZero();
        for (String odd : List.of("{\"s\":\"\\ud83d\\ude00\"}", "{\"n\":01}", "[1]", "{\"s\":1} x", "{\"s\":\"\u0001\"}")) {
            byte[] bytes = odd.getBytes(StandardCharsets.UTF_8);
            reader.readLine(bytes, 0, bytes.length);
        }
        assertThat(reader.fallbackLines()).isEqualTo(5);
        ParsedRows parsed = reader.finish();
        assertThat(parsed.invalidLines()).isEqualTo(4);
        assertThat(parsed.goodRows() + parsed.quarantined().size()).isEqualTo(2);
    }

    /**
     * Lines whose keys come in the same order take the predicted-key match; escaped strings of every length are
     * decoded while they are scanned (escapes at the start, at the end, next to non-ASCII text, in the last
     * bytes of the line; every tenth string runs to a kilobyte or more, past the decoder's first scratch). Every line stays on the fast path and reads as Jackson reads it.
     */
    @Test
    void predictedKeysAndEscapesInEveryPositionReadAsJacksonReadsThem() {
        List<String> values = new ArrayList<>();
        String[] pieces = {"\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0041", "\\u00e9", "\\u20ac", "é", "€", "a", "plain text "};
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            StringBuilder value = new StringBuilder();
            int count = i % 10 == 0 ? 100 + random.nextInt(200) : random.nextInt(12);
            for (int k = 0; k < count; k++) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(value.toString());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            // "s" is a prefix of "s2" (an unwanted key): the predicted "s" must not match it
            String line = "{\"s\":\"" + values.get(i) + "\",\"n\":" + i % 200 + ",\"s2\":\"" + values.get((i + 1) % values.size())
                    + "\",\"lc\":\"" + values.get((i + 7) % values.size()) + "\",\"é\":\"" + values.get((i + 3) % values.size())
                    + "\",\"obj\":{\"s\":\"" + values.get((i + 5) % values.size()) + "\"}}";
            body.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        byte[] input = body.toByteArray();
        Outcome fast = read(input, true);
        Outcome jackson = read(input, false);
        assertThat(fast.fallbackLines).isZero();
        assertThat(fast.rows).hasSize(values.size()).isEqualTo(jackson.rows);
        assertThat(fast.rows.get(1)).startsWith("|" + new String(decoded(values.get(1)), StandardCharsets.ISO_8859_1) + "|1|");
    }

    /** The UTF-8 bytes a JSON string's content stands for (the few escapes the test writes). */
    private static byte[] decoded(String content) {
        String text = content.replace("\\u0041", "A").replace("\\u00e9", "é").replace("\\u20ac", "€")
                .replace("\\\"", "\"").replace("\\/", "/").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parallelSegmentsGiveTheSameRowsInOrder() {
        List<IngestColumn> columns = List.of(column("id", "Int64", "$.id"), column("s", "String", "$.s"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            text.append(i % 997 == 0 ? "{\"id\":\"bad\",\"s\":\"q" + i + "\"}" : "{\"id\":" + i + ",\"s\":\"v" + i + "\"}")
                    .append(i % 1013 == 0 ? "\n\n" : "\n");
        }
        text.append("{broken");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            ParsedRows serial = NdjsonInput.parse(new java.io.ByteArrayInputStream(body), columns);
            ParsedRows parallel = NdjsonInput.parse(body, 0, body.length, columns, executor, 4);
            assertThat(body.length).isGreaterThan(4 * NdjsonInput.MIN_SEGMENT_BYTES);
            assertThat(CsvInputTest.rows(parallel)).isEqualTo(CsvInputTest.rows(serial));
            assertThat(parallel.quarantined()).isEqualTo(serial.quarantined()).hasSize(201);
            assertThat(parallel.invalidLines()).isEqualTo(serial.invalidLines()).isEqualTo(1);
            assertThat(parallel.emptyLines()).isEqualTo(serial.emptyLines()).isEqualTo(198);
            // a pool that never runs the segments: the caller runs them all
            ParsedRows starved = NdjsonInput.parse(body, 0, body.length, columns, task -> { }, 4);
            assertThat(CsvInputTest.rows(starved)).isEqualTo(CsvInputTest.rows(serial));
            assertThat(starved.quarantined()).isEqualTo(serial.quarantined());
        } finally {
            executor.shutdownNow();
        }
    }

    private record Outcome(List<String> rows, List<QuarantinedRow> quarantined, long invalidLines, long emptyLines,
                           long fallbackLines) {
    }

    private static Outcome read(byte[] input, boolean fastPath) {
        return read(input, fastPath, COLUMNS);
    }

    private static Outcome read(byte[] input, boolean fastPath, List<IngestColumn> columns) {
        NdjsonRowReader reader = new NdjsonRowReader(new RowAssembler(columns), columns, fastPath);
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (i > start || i < input.length) {
                    reader.readLine(input, start, i);
                }
                start = i + 1;
            }
        }
        ParsedRows parsed = reader.finish();
        return new Outcome(render(parsed), parsed.quarantined(), parsed.invalidLines(), parsed.emptyLines(),
                reader.fallbackLines());
    }

    private static List<String> render(ParsedRows parsed) {
        List<String> rows = new ArrayList<>();
        for (Block block : parsed.blocks()) {
            for (int row = 0; row < block.rowCount(); row++) {
                StringBuilder line = new StringBuilder();
                for (int column = 0; column < block.columnCount(); column++) {
                    Column values = block.column(column);
                    line.append('|');
                    if (values instanceof StringColumn strings) {
                        line.append(new String(strings.getBytes(row), StandardCharsets.ISO_8859_1));
                    } else {
                        ValueText.appendTo(values, row, line);
                    }
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }

    // ---- random lines ----

    private static byte[] line(Random random) {
        int shape = random.nextInt(20);
        if (shape == 0) {
            return new byte[0];
        }
        if (shape == 1) {
            return "   \t".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        if (random.nextInt(30) == 0) {
            text.append('\uFEFF');
        }
        if (random.nextInt(10) == 0) {
            text.append(' ');
        }
        object(random, text, 0);
        if (random.nextInt(10) == 0) {
            text.append(random.nextBoolean() ? " \r" : "\t");
        }
        if (random.nextInt(25) == 0) {
            text.append(random.nextBoolean() ? " {}" : "x");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int mutation = random.nextInt(12);
        if (mutation == 0 && bytes.length > 1) {
            int at = random.nextInt(bytes.length);
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, at);
            System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
            return shorter;
        }
        if (mutation == 1) {
            int at = random.nextInt(bytes.length + 1);
            byte[] longer = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, longer, 0, at);
            String noise = "{}[],:\"\\ 0a-.e\u0001";
            longer[at] = (byte) noise.charAt(random.nextInt(noise.length()));
            System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
            return longer;
        }
        if (mutation == 2 && bytes.length > 2) {
            byte[] broken = bytes.clone();
            broken[random.nextInt(broken.length)] = (byte) (0x80 + random.nextInt(128));
            return broken;
        }
        return bytes;
    }

    private static void object(Random random, StringBuilder text, int depth) {
        text.append('{');
        int members = random.nextInt(depth == 0 ? 9 : 4);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                text.append(random.nextInt(8) == 0 ? " , " : ",");
            }
            String key = KEYS[random.nextInt(KEYS.length)];
            if (random.nextInt(15) == 0) {
                string(text, "\\u00" + Integer.toHexString(key.charAt(0)) + key.substring(1));
            } else {
                string(text, key);
            }
            text.append(random.nextInt(8) == 0 ? " : " : ":");
            value(random, text, depth, key);
        }
        text.append('}');
    }

    private static void value(Random random, StringBuilder text, int depth, String key) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        switch (kind) {
            case 0, 1 -> randomString(random, text);
            case 2 -> number(random, text);
            case 3 -> text.append(random.nextBoolean() ? "true" : "false");
            case 4 -> text.append("null");
            case 5 -> {
                if ("t".equals(key)) {
                    text.append(random.nextBoolean() ? "\"2024-01-0" + (1 + random.nextInt(9)) + " 10:00:00\"" : "1705314600");
                } else {
                    number(random, text);
                }
            }
            case 6, 7 -> object(random, text, depth + 1);
            default -> {
                text.append('[');
                int elements = random.nextInt(4);
                for (int i = 0; i < elements; i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    value(random, text, depth + 1, key);
                }
                text.append(']');
            }
        }
    }

    private static void number(Random random, StringBuilder text) {
        String[] forms = {"0", "-0", "12", "-7", "255", "256", "1.5", "-0.25", "1e3", "2E-2", "1.5e+2",
                "9223372036854775807", "9223372036854775808", "01", "1.", ".5", "-", "1e", "+1", "3", "42"};
        text.append(forms[random.nextInt(forms.length)]);
    }

    private static void randomString(Random random, StringBuilder text) {
        String[] pieces = {"a", "abc", " ", "é", "ü", "漢", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0041",
                "\\u00e9", "\\u6f22", "\\ud83d\\ude00", "\\ud800", "\\x", "123", "true", "null", "2024-01-01 00:00:00",
                "{\\\"k\\\":1}", "\u0001", "a very long plain ascii run of text here "};
        text.append('"');
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        text.append('"');
    }

    private static void string(StringBuilder text, String raw) {
        text.append('"').append(raw).append('"');
    }
}
