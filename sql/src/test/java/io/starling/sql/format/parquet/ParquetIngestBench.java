package io.starling.sql.format.parquet;

import io.starling.sql.QueryResult;
import io.starling.sql.format.input.ChunkLimits;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParseSummary;
import io.starling.sql.format.input.ParsedRows;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parquet ingest throughput, column by column ({@link ParquetInput#stream}) against the NDJSON text path it
 * replaces ({@link ParquetInput#streamAsNdjson}): rows/s of parsing a Parquet file into blocks (no writing).
 * The file is made once from the benchmark harness's events NDJSON (GenEvents' 9 columns, {@code /tmp/bench-1m}
 * or {@code -Dndjson.file=PATH}; the first {@code -Drows=N} rows, 1,000,000 by default) with our Parquet writer
 * (ZSTD, row groups of 1M rows) and cached beside it. Run (after {@code -pl sql -am install -DskipTests}):
 * <pre>
 *   java -Xmx4g -cp "sql/target/test-classes:sql/target/classes:$(cat /tmp/sql-cp.txt)" \
 *       io.starling.sql.format.parquet.ParquetIngestBench
 * </pre>
 * with the class path from {@code ./mvnw -q -pl sql dependency:build-classpath -Dmdep.outputFile=/tmp/sql-cp.txt}.
 * Prints the best of five runs of each path. Figures on a shared machine are indicative only.
 */
public final class ParquetIngestBench {
    private static final String[][] COLUMNS = {
            {"timestamp", "DateTime"}, {"session_id", "String"}, {"action", "LowCardinality(String)"},
            {"version", "LowCardinality(String)"}, {"payload", "String"}, {"tenant_id", "String"},
            {"user_id", "UInt64"}, {"duration_ms", "UInt32"}, {"revenue", "Float64"},
    };

    private ParquetIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(System.getProperty("ndjson.file", "/tmp/bench-1m/events.ndjson"));
        int rows = Integer.getInteger("rows", 1_000_000);
        Path parquet = Path.of(source + "." + rows + ".parquet");
        List<IngestColumn> columns = new ArrayList<>();
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (String[] column : COLUMNS) {
            columns.add(new IngestColumn(column[0], DataTypes.parse(column[1]), "$." + column[0], null));
            definitions.add(new ColumnDefinition(column[0], DataTypes.parse(column[1])));
        }
        if (!Files.exists(parquet)) {
            write(source, rows, columns, definitions, parquet);
        }
        System.out.printf(Locale.ROOT, "file %s: %d bytes%n", parquet, Files.size(parquet));
        try (ParquetFile file = ParquetFile.of(parquet)) {
            for (int round = 0; round < 2; round++) {
                double columnar = 0;
                double text = 0;
                for (int run = 0; run < 5; run++) {
                    columnar = Math.max(columnar, rowsPerSecond(file, columns, true));
                    text = Math.max(text, rowsPerSecond(file, columns, false));
                }
                System.out.printf(Locale.ROOT, "round %d: columnar %,.0f rows/s, NDJSON text path %,.0f rows/s (x%.1f)%n",
                        round, columnar, text, columnar / text);
            }
        }
    }

    private static double rowsPerSecond(ParquetFile file, List<IngestColumn> columns, boolean columnar) {
        long start = System.nanoTime();
        long[] blocks = new long[1];
        ParseSummary summary = columnar
                ? ParquetInput.stream(file, columns, ChunkLimits.DEFAULT, chunk -> blocks[0]++)
                : ParquetInput.streamAsNdjson(file, columns, ChunkLimits.DEFAULT, chunk -> blocks[0]++);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (summary.quarantinedRows() != 0) {
            throw new IllegalStateException(summary.quarantinedRows() + " rows quarantined");
        }
        return summary.goodRows() / seconds;
    }

    private static void write(Path source, int rows, List<IngestColumn> columns, List<ColumnDefinition> definitions,
                              Path target) throws Exception {
        ParsedRows parsed;
        try (InputStream in = new LimitedLines(Files.newInputStream(source), rows)) {
            parsed = NdjsonInput.parse(in, columns);
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            ParquetOutput.write(new QueryResult(definitions, parsed.blocks(), -1, 0, 0, null), out);
        }
    }

    /** The first {@code lines} lines of a stream. */
    private static final class LimitedLines extends java.io.FilterInputStream {
        private long linesLeft;

        LimitedLines(InputStream in, long lines) {
            super(new java.io.BufferedInputStream(in, 1 << 20));
            this.linesLeft = lines;
        }

        @Override
        public int read() throws java.io.IOException {
            if (linesLeft <= 0) {
                return -1;
            }
            int b = super.read();
            if (b == '\n') {
                linesLeft--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int count = 0;
            while (count < length) {
                int b = read();
                if (b < 0) {
                    return count == 0 ? -1 : count;
                }
                buffer[offset + count++] = (byte) b;
                if (b == '\n' && count > 4096) {
                    break;
                }
            }
            return count;
        }
    }
}
