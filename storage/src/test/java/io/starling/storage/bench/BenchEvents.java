package io.starling.storage.bench;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The bench's web-analytics table (shared/bench/README.md): its definition and its rows as Blocks, read from the
 * CSV of {@code java shared/bench/gen/GenEvents.java --rows 1m --out /tmp/bench-1m --formats csv}, or generated
 * in-process with similar distributions when no CSV is given.
 */
public final class BenchEvents {
    public static final List<ColumnDefinition> COLUMNS = List.of(
            column("timestamp", "DateTime"), column("session_id", "String"), column("action", "LowCardinality(String)"),
            column("version", "LowCardinality(String)"), column("payload", "String"), column("tenant_id", "String"),
            column("user_id", "UInt64"), column("duration_ms", "UInt32"), column("revenue", "Float64"));

    private BenchEvents() {
    }

    private static ColumnDefinition column(String name, String type) {
        return new ColumnDefinition(name, DataTypes.parse(type));
    }

    /** ORDER BY (tenant_id, timestamp), PARTITION BY toYYYYMM(timestamp) (one month: one partition), codecs as given. */
    public static TableDefinition definition(Map<String, String> codecs, Map<String, String> settings) {
        return new TableDefinition(COLUMNS, "MergeTree", List.of("tenant_id", "timestamp"), "", settings).withCodecs(codecs);
    }

    /** Reads up to {@code maxRows} rows of a GenEvents CSV, handing out blocks of {@code blockRows}. */
    public static void readCsv(Path csv, long maxRows, int blockRows, Consumer<Block> sink) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 20)) {
            Builders builders = new Builders(blockRows);
            byte[] field = new byte[1 << 16];
            long rows = 0;
            int column = 0;
            int length = 0;
            boolean quoted = false;
            int c;
            while (rows < maxRows && (c = in.read()) >= 0) {
                if (quoted) {
                    if (c == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            field[length++] = '"';
                        } else {
                            quoted = false;
                            in.reset();
                        }
                    } else {
                        if (length == field.length) {
                            field = java.util.Arrays.copyOf(field, length * 2);
                        }
                        field[length++] = (byte) c;
                    }
                    continue;
                }
                if (c == '"') {
                    quoted = true;
                } else if (c == ',' || c == '\n') {
                    builders.set(column, field, length);
                    length = 0;
                    column++;
                    if (c == '\n') {
                        column = 0;
                        rows++;
                        if (builders.rows() == blockRows) {
                            sink.accept(builders.build());
                        }
                    }
                } else if (c != '\r') {
                    if (length == field.length) {
                        field = java.util.Arrays.copyOf(field, length * 2);
                    }
                    field[length++] = (byte) c;
                }
            }
            if (builders.rows() > 0) {
                sink.accept(builders.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generates {@code rows} synthetic rows in time order (for runs without the CSV). */
    public static void generate(long rows, int blockRows, Consumer<Block> sink) {
        Random random = new Random(42);
        Builders builders = new Builders(blockRows);
        String[] actions = {"page_hit", "page_hit", "page_hit", "page_hit", "page_hit", "click", "scroll", "add_to_cart"};
        String[] versions = {"1.0.0", "1.1.0", "1.2.3", "2.0.0", "2.1.0"};
        String[] agents = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0", "Mozilla/5.0 (iPhone) Safari/604.1",
                "Mozilla/5.0 (Macintosh) Safari/605.1.15", "Mozilla/5.0 (Linux; Android 13) Chrome/120.0.0.0"};
        String session = "";
        long start = 1_704_067_200L;
        for (long i = 0; i < rows; i++) {
            if (i % 7 == 0) {
                session = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            }
            int tenant = (int) Math.min(999, Math.floor(Math.pow(random.nextDouble(), 3) * 1000));
            long timestamp = start + i * 30L * 86400 / Math.max(1, rows) + random.nextInt(3);
            String path = "/docs/page-" + (int) Math.pow(random.nextDouble(), 2) * 5000;
            String payload = "{\"user-agent\":\"" + agents[random.nextInt(agents.length)] + "\",\"locale\":\"en-US\","
                    + "\"location\":\"US\",\"referrer\":\"\",\"pathname\":\"" + path + "\",\"href\":\"https://tenant-"
                    + tenant + ".example.com" + path + "\"}";
            builders.set(0, Long.toString(timestamp));
            builders.set(1, session);
            builders.set(2, actions[random.nextInt(actions.length)]);
            builders.set(3, versions[random.nextInt(versions.length)]);
            builders.set(4, payload);
            builders.set(5, String.format("tenant_%04d", tenant));
            builders.set(6, Long.toString(tenant * 100_000L + random.nextInt(1000)));
            builders.set(7, Long.toString((long) Math.exp(9.6 + random.nextGaussian())));
            builders.set(8, random.nextInt(100) == 0 ? "42.5" : "0");
            if (builders.rows() == blockRows) {
                sink.accept(builders.build());
            }
        }
        if (builders.rows() > 0) {
            sink.accept(builders.build());
        }
    }

    /** Column builders fed with CSV fields. */
    private static final class Builders {
        private final int capacity;
        private ColumnBuilder[] builders;
        private int rows;

        Builders(int capacity) {
            this.capacity = capacity;
            reset();
        }

        private void reset() {
            builders = new ColumnBuilder[COLUMNS.size()];
            for (int i = 0; i < builders.length; i++) {
                builders[i] = ColumnBuilder.forType(COLUMNS.get(i).type(), capacity);
            }
            rows = 0;
        }

        int rows() {
            return rows;
        }

        void set(int column, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            set(column, bytes, bytes.length);
        }

        void set(int column, byte[] field, int length) {
            ColumnBuilder builder = builders[column];
            switch (column) {
                case 0 -> builder.appendLong(length == 19 ? dateTime(field) : parseLong(field, length));
                case 6, 7 -> builder.appendLong(parseLong(field, length));
                case 8 -> builder.appendDouble(Double.parseDouble(new String(field, 0, length, StandardCharsets.US_ASCII)));
                default -> builder.appendBytes(field, 0, length);
            }
            if (column == COLUMNS.size() - 1) {
                rows++;
            }
        }

        Block build() {
            List<Column> columns = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            Block block = new Block(columns, rows);
            reset();
            return block;
        }

        private static long parseLong(byte[] field, int length) {
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = value * 10 + (field[i] - '0');
            }
            return value;
        }

        /** {@code YYYY-MM-DD hh:mm:ss} UTC to epoch seconds. */
        private static long dateTime(byte[] f) {
            int year = digits(f, 0, 4);
            int month = digits(f, 5, 2);
            int day = digits(f, 8, 2);
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            return days * 86400 + digits(f, 11, 2) * 3600L + digits(f, 14, 2) * 60L + digits(f, 17, 2);
        }

        private static int digits(byte[] f, int at, int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + (f[at + i] - '0');
            }
            return value;
        }
    }
}
