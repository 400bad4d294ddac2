package io.starling.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.format.input.ParsedRows;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A body parsed while it arrives, in chunks of any size, must give what parsing it whole gives. */
class StreamingNdjsonBodyTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
    private static final DataSourceSpec EVENTS = DataSourceSpec.newBuilder().setId("t_1").setName("events")
            .setEngine("MergeTree")
            .addColumns(ColumnSpec.newBuilder().setName("id").setType("Int64"))
            .addColumns(ColumnSpec.newBuilder().setName("name").setType("String"))
            .addColumns(ColumnSpec.newBuilder().setName("kind").setType("LowCardinality(String)"))
            .build();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void chunkedBodiesParseLikeWholeBodies() {
        byte[] body = body(60_000, new Random(3)); // several segments, with bad and blank lines among them
        ParsedRows whole = RequestBodies.parseNdjson(EVENTS, body, null);
        for (int maxChunk : new int[] {1 << 20, 64 * 1024, 7_777, 3 << 20}) {
            ParsedRows streamed = stream(body, maxChunk, new Random(maxChunk), body.length);
            assertSameRows(streamed, whole);
            // the segments are joined as they are parsed: the part writer gets one block, not one per segment
            assertThat(streamed.blocks()).hasSize(1);
        }
        assertThat(whole.quarantined()).isNotEmpty();
        assertThat(whole.invalidLines()).isPositive();
    }

    @Test
    void gzipBodiesAreParsedOnceComplete() throws IOException {
        byte[] body = body(5_000, new Random(5));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(body);
        }
        ParsedRows streamed = stream(zipped.toByteArray(), 1_000, new Random(1), 0);
        assertSameRows(streamed, RequestBodies.parseNdjson(EVENTS, body, null));
    }

    @Test
    void emptyBodiesGiveNoRows() {
        ParsedRows streamed = new StreamingNdjsonBody(EVENTS, POOL, 0, true).finish().join();
        assertThat(streamed.goodRows()).isZero();
        assertThat(streamed.quarantined()).isEmpty();
    }

    @Test
    void theDedupKeyIsTheWholeBodysWhateverTheChunks() {
        byte[] body = body(30_000, new Random(11));
        String whole = EventDedup.key("t_1", null, true, body);
        for (int maxChunk : new int[] {1 << 20, 64 * 1024, 7_777}) {
            StreamingNdjsonBody streaming = feed(body, maxChunk, new Random(maxChunk), body.length);
            streaming.finish().join();
            assertThat(streaming.dedupKey("t_1", null, true).join()).isEqualTo(whole);
            assertThat(streaming.dedupKey("t_1", "retry-7", false).join()).isEqualTo("t_1|k|retry-7");
            assertThat(streaming.dedupKey("t_1", null, false).join()).isNull();
        }
        byte[] other = body.clone();
        other[other.length / 2] ^= 1;
        StreamingNdjsonBody changed = feed(other, 1 << 20, new Random(1), other.length);
        changed.finish().join();
        assertThat(changed.dedupKey("t_1", null, true).join()).isNotEqualTo(whole);
    }

    @Test
    void aLastLineWithoutNewlineAndLinesLongerThanAChunkAreRead() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("{\"id\":").append(i).append(",\"name\":\"").append("y".repeat(i % 3 == 0 ? 150_000 : 20))
                    .append("\",\"kind\":\"k\"}\n");
        }
        text.append("{\"id\":99,\"name\":\"last\",\"kind\":\"k\"}");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        ParsedRows whole = RequestBodies.parseNdjson(EVENTS, body, null);
        assertThat(whole.goodRows()).isEqualTo(41);
        for (int maxChunk : new int[] {100_000, 70_000, 1 << 20}) {
            assertSameRows(stream(body, maxChunk, new Random(maxChunk), 0), whole);
        }
    }

    private static ParsedRows stream(byte[] body, int maxChunk, Random random, long expectedLength) {
        return feed(body, maxChunk, random, expectedLength).finish().join();
    }

    /**
     * Feeds the body in chunks of random sizes up to {@code maxChunk}: some slices of the body's array, some owning
     * their own array (as socket reads do, which the body parses in place).
     */
    private static StreamingNdjsonBody feed(byte[] body, int maxChunk, Random random, long expectedLength) {
        StreamingNdjsonBody streaming = new StreamingNdjsonBody(EVENTS, POOL, expectedLength, true);
        for (int at = 0; at < body.length; ) {
            int size = Math.min(body.length - at, 1 + random.nextInt(maxChunk));
            streaming.accept(random.nextBoolean() ? ByteString.fromArray(body, at, size)
                    : ByteString.fromArrayUnsafe(Arrays.copyOfRange(body, at, at + size)));
            at += size;
        }
        assertThat(streaming.length()).isEqualTo(body.length);
        return streaming;
    }

    private static byte[] body(int lines, Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            switch (random.nextInt(200)) {
                case 0 -> text.append("{\"id\": \"not a number\", \"name\": \"bad").append(i).append("\"}\n");
                case 1 -> text.append("{broken json\n");
                case 2 -> text.append('\n');
                default -> text.append("{\"id\":").append(i).append(",\"name\":\"user ").append(i)
                        .append(" ").append("x".repeat(random.nextInt(40))).append("\",\"kind\":\"k")
                        .append(random.nextInt(5)).append("\"}\n");
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSameRows(ParsedRows actual, ParsedRows expected) {
        assertThat(rows(actual)).isEqualTo(rows(expected));
        assertThat(actual.quarantined()).isEqualTo(expected.quarantined());
        assertThat(actual.invalidLines()).isEqualTo(expected.invalidLines());
        assertThat(actual.emptyLines()).isEqualTo(expected.emptyLines());
    }

    private static List<String> rows(ParsedRows parsed) {
        List<String> rows = new ArrayList<>();
        for (Block block : parsed.blocks()) {
            LongColumn ids = (LongColumn) block.column(0);
            StringColumn names = (StringColumn) block.column(1);
            StringColumn kinds = (StringColumn) ((LowCardinalityColumn) block.column(2)).decode();
            for (int row = 0; row < block.rowCount(); row++) {
                rows.add(ids.getLong(row) + "|" + names.getString(row) + "|" + kinds.getString(row));
            }
        }
        return rows;
    }
}
