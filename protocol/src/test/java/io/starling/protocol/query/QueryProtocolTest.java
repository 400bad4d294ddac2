package io.starling.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.typesafe.config.ConfigFactory;
import io.starling.protocol.Ack;
import io.starling.protocol.shard.TableSpec;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distributed-query messages travel through Pekko's protobuf serializer, and their wire bytes never drift. */
class QueryProtocolTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("query-protocol",
                ConfigFactory.parseString("pekko.actor.allow-java-serialization = off")
                        .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void fragmentMessagesRoundTripThroughTheProtoSerializer() throws Exception {
        List<Message> messages = List.of(
                FragmentRequest.newBuilder().setTable(TableSpec.newBuilder().setTableId("t_1")).setShard(1)
                        .setSql("SELECT count() FROM __shard").putSettings("max_execution_time", "5")
                        .setDeadlineEpochMillis(1_700_000_000_000L).addRequiredParts("all_1_1_0")
                        .setReplyTo("pekko://starling@h:1/temp/$a").setQueryId("q").build(),
                FragmentReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(369)
                        .setErrorName("ALL_REPLICAS_ARE_STALE").setErrorMessage("behind")).setSourceRef("ref")
                        .setRowsRead(10).setBytesRead(80).setRows(1).setReplica(2).build(),
                FragmentBlock.newBuilder().setBlock(ByteString.copyFrom(new byte[] {1, 2, 3})).setRows(3).build());
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        for (Message message : messages) {
            Serializer serializer = serialization.findSerializerFor(message);
            assertThat(serializer.getClass().getSimpleName()).isEqualTo("ProtobufSerializer");
            byte[] bytes = serialization.serialize(message).get();
            Object back = serialization.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, message)).get();
            assertThat(back).isEqualTo(message);
        }
    }

    @Test
    void wireBytesAreStable() {
        FragmentBlock block = FragmentBlock.newBuilder().setBlock(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .setRows(3).build();
        assertThat(HexFormat.of().formatHex(block.toByteArray())).isEqualTo("0a030102031003");
        FragmentRequest scan = FragmentRequest.newBuilder().setShard(1).setSql("SELECT 1")
                .setDeadlineEpochMillis(5).setPlainScan(true).addScanColumns("id").build();
        assertThat(HexFormat.of().formatHex(scan.toByteArray()))
                .isEqualTo("1001" + "1a0853454c4543542031" + "2805" + "4801" + "52026964");
    }
}
