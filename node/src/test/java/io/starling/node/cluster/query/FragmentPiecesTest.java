package io.starling.node.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.query.FragmentBlock;
import io.starling.storage.block.Block;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.StringType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fragment results travel as stream elements small enough for one Artery frame: big blocks are halved, and a
 * single row too big on its own (a uniqExact or quantile state) goes in pieces the reading side joins again.
 */
class FragmentPiecesTest {
    private static final ActorSystem SYSTEM = ActorSystem.create("fragment-pieces");

    @AfterAll
    static void stop() {
        SYSTEM.terminate();
    }

    @Test
    void oversizedRowsTravelInPiecesAndArriveWhole() {
        String big = randomText(700_000); // incompressible, whatever the serialization's codec
        List<FragmentBlock> elements = new ArrayList<>();
        FragmentServer.cut(block(big, "y"), elements);          // two rows: halved, then pieces
        FragmentServer.cut(block("small", "rows", "stay", "whole"), elements);
        assertThat(elements).allSatisfy(element ->
                assertThat(element.getBlock().size()).isLessThanOrEqualTo(FragmentServer.MAX_ELEMENT_BYTES));
        assertThat(elements.stream().filter(FragmentBlock::getContinued).count()).isGreaterThanOrEqualTo(3);

        SinkQueueWithCancel<FragmentBlock> queue = Source.from(elements)
                .runWith(Sink.queue(), Materializer.matFromSystem(SYSTEM));
        FragmentStream stream = new FragmentStream(List.of(queue), Instant.now().plusSeconds(30), "t_1");
        List<String> values = new ArrayList<>();
        for (Block block = stream.next(); block != null; block = stream.next()) {
            StringColumn column = (StringColumn) block.column(0);
            for (int row = 0; row < block.rowCount(); row++) {
                values.add(column.getString(row));
            }
        }
        assertThat(values).containsExactly(big, "y", "small", "rows", "stay", "whole");
    }

    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }

    private static Block block(String... values) {
        StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, values.length);
        for (String value : values) {
            builder.appendString(value);
        }
        return new Block(List.of(builder.build()), values.length);
    }
}
