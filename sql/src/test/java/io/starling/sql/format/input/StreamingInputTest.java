package io.starling.sql.format.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.format.ValueText;
import io.starling.storage.block.Block;
import io.starling.storage.type.DataTypes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingInputTest {
    private static final List<IngestColumn> CSV_COLUMNS = List.of(
            new IngestColumn("id", DataTypes.parse("Int64"), null, null),
            new IngestColumn("name", DataTypes.parse("String"), null, null));
    private static final List<IngestColumn> JSON_COLUMNS = List.of(
            new IngestColumn("id", DataTypes.parse("Int64"), "$.id", null),
            new IngestColumn("name", DataTypes.parse("String"), "$.name", null));

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rows(Block block) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < block.rowCount(); row++) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < block.columnCount(); column++) {
                if (column > 0) {
                    line.append('|');
                }
                ValueText.appendTo(block.column(column), row, line);
            }
            rows.add(line.toString());
        }
        return rows;
    }

    @Test
    void csvChunksAreCutByRowsAndKeepBadRowsWithTheirChunk() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            csv.append(i == 4 ? "x" : Integer.toString(i)).append(",n").append(i).append('\n');
        }
        List<ParsedChunk> chunks = new ArrayList<>();
        ParseSummary summary = CsvInput.stream(bytes(csv.toString()), CSV_COLUMNS, CsvDialect.GUESS,
                new ChunkLimits(3, Long.MAX_VALUE), chunks::add);

        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(0).goodRows()).isEqualTo(3);
        assertThat(chunks.get(1).goodRows()).isEqualTo(2);
        assertThat(chunks.get(1).quarantined()).hasSize(1);
        assertThat(chunks.get(1).quarantined().get(0).errors().get(0)).isEqualTo("value 'x' on column 'id' is not Int64");
        assertThat(rows(chunks.get(3).block())).containsExactly("9|n9");
        assertThat(summary.goodRows()).isEqualTo(9);
        assertThat(summary.quarantinedRows()).isEqualTo(1);
        List<String> all = new ArrayList<>();
        chunks.forEach(chunk -> all.addAll(rows(chunk.block())));
        assertThat(all).hasSize(9).startsWith("0|n0", "1|n1").endsWith("9|n9");
    }

    @Test
    void chunksCanHoldMoreThanOneBlockOfRows() {
        StringBuilder csv = new StringBuilder();
        int total = Block.MAX_ROWS * 2 + 5;
        for (int i = 0; i < total; i++) {
            csv.append(i).append(",x\n");
        }
        List<ParsedChunk> chunks = new ArrayList<>();
        ParseSummary summary = CsvInput.stream(bytes(csv.toString()), CSV_COLUMNS, null, ChunkLimits.DEFAULT, chunks::add);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).goodRows()).isEqualTo(total);
        assertThat(summary.goodRows()).isEqualTo(total);
        // the collecting parse still cuts MAX_ROWS blocks
        assertThat(CsvInput.parse(bytes(csv.toString()), CSV_COLUMNS, null).blocks()).hasSize(3);
    }

    @Test
    void ndjsonChunksAreCutByInputBytes() {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            ndjson.append("{\"id\":").append(i).append(",\"name\":\"abcdefghij\"}\n");
        }
        ndjson.append("not json\n\n{\"id\":\"bad\",\"name\":\"z\"}\n");
        List<ParsedChunk> chunks = new ArrayList<>();
        // each line is ~30 bytes: 300 bytes cut about every 10 rows
        ParseSummary summary = NdjsonInput.stream(bytes(ndjson.toString()), JSON_COLUMNS,
                new ChunkLimits(1_000_000, 300), chunks::add);
        assertThat(chunks.size()).isBetween(9, 12);
        assertThat(chunks.stream().mapToInt(ParsedChunk::goodRows).max().orElseThrow()).isLessThanOrEqualTo(11);
        assertThat(summary.goodRows()).isEqualTo(100);
        assertThat(summary.quarantinedRows()).isEqualTo(1);
        assertThat(summary.invalidLines()).isEqualTo(1);
        assertThat(summary.emptyLines()).isEqualTo(1);
        ParsedChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.quarantined()).hasSize(1);
    }

    @Test
    void aChunkOfOnlyBadRowsHasNoBlock() {
        List<ParsedChunk> chunks = new ArrayList<>();
        NdjsonInput.stream(bytes("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"), JSON_COLUMNS, new ChunkLimits(10, 1 << 20), chunks::add);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).block()).isNull();
        assertThat(chunks.get(0).quarantined()).hasSize(2);
    }

    @Test
    void aConsumerFailureStopsTheParse() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(",x\n");
        }
        List<ParsedChunk> seen = new ArrayList<>();
        assertThatThrownBy(() -> CsvInput.stream(bytes(csv.toString()), CSV_COLUMNS, null, new ChunkLimits(10, 1 << 20),
                chunk -> {
                    seen.add(chunk);
                    throw new IllegalStateException("disk full");
                })).hasMessage("disk full");
        assertThat(seen).hasSize(1);
    }
}
