package io.starling.protocol.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.typesafe.config.ConfigFactory;
import io.starling.protocol.Ack;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceCreated;
import io.starling.protocol.catalog.DataSourceDropped;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.TokensInitialized;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.protocol.shard.ShardReplicaCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.storage.engine.TableDefinition;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message that crosses an actor boundary or is persisted survives Pekko serialization unchanged. */
class ProtocolSerializationTest {
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("protocol",
                ConfigFactory.parseString("pekko.actor.allow-java-serialization = off")
                        .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static final DataSourceSpec DATA_SOURCE = DataSourceSpec.newBuilder()
            .setId("t_0123456789abcdef0123456789abcdef")
            .setName("events")
            .addColumns(ColumnSpec.newBuilder().setName("id").setType("Int64").setJsonPath("$.id"))
            .addColumns(ColumnSpec.newBuilder().setName("name").setType("Nullable(String)")
                    .setDefaultExpression("'x'").setCodec("ZSTD(1)"))
            .setEngine("MergeTree")
            .addSortingKey("id")
            .setPartitionKey("")
            .putEngineSettings("index_granularity", "8192")
            .setFormat("ndjson")
            .setCreatedAtMicros(1_700_000_000_123_456L)
            .build();

    private static final WorkspaceTokens TOKENS = WorkspaceTokens.newBuilder()
            .setUserToken("u").setAdminToken("a").setWorkspaceAdminToken("w").build();

    private static final TableSpec TABLE = TableSpec.newBuilder()
            .setTableId(DATA_SOURCE.getId())
            .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
            .addColumns(TableColumn.newBuilder().setName("when").setType("DateTime"))
            .setEngine("MergeTree")
            .addSortingKey("id")
            .setPartitionKey("toYYYYMM(when)")
            .putSettings("index_granularity", "1024")
            .build();

    @Test
    void protobufRepliesAndEventsUseTheBuiltInProtoSerializer() {
        List<Message> messages = List.of(
                CatalogEvent.newBuilder().setDataSourceCreated(DataSourceCreated.newBuilder().setDataSource(DATA_SOURCE)).build(),
                CatalogEvent.newBuilder().setDataSourceDropped(DataSourceDropped.newBuilder()
                        .setId(DATA_SOURCE.getId()).setName("events").setDroppedAtMicros(5)).build(),
                CatalogEvent.newBuilder().setTokensInitialized(TokensInitialized.newBuilder().setTokens(TOKENS)).build(),
                CatalogReply.newBuilder().setSnapshot(CatalogSnapshot.newBuilder().setVersion(3)
                        .addDataSources(DATA_SOURCE).setTokens(TOKENS)).setDataSource(DATA_SOURCE).build(),
                CatalogReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(57)
                        .setErrorName("TABLE_ALREADY_EXISTS").setErrorMessage("exists")).build(),
                ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).setRows(10)
                        .addPartNames("all_1_1_0").setTotalRows(20).setBytesOnDisk(300).build());
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        for (Message message : messages) {
            Serializer serializer = serialization.findSerializerFor(message);
            assertThat(serializer.getClass().getSimpleName()).isEqualTo("ProtobufSerializer");
            Object back = roundTrip(serialization, message);
            assertThat(back).isEqualTo(message);
        }
    }

    @Test
    void catalogCommandsKeepTheirPayloadAndReplyAddress() {
        TestProbe<CatalogReply> probe = testKit.createTestProbe();
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        List<CatalogCommand> commands = List.of(
                new CatalogCommand.CreateDataSource(DATA_SOURCE, probe.getRef()),
                new CatalogCommand.DropDataSource("events", probe.getRef()),
                new CatalogCommand.EnsureTokens(TOKENS, true, probe.getRef()),
                new CatalogCommand.GetCatalog(probe.getRef()),
                new CatalogCommand.PutToken(io.starling.protocol.catalog.StaticToken.newBuilder().setName("t")
                        .setToken("p.x").addScopes("DATASOURCES:READ:events").build(), probe.getRef()),
                new CatalogCommand.DeleteToken("t", probe.getRef()),
                new CatalogCommand.UpdateDataSource("events", DATA_SOURCE, probe.getRef()),
                new CatalogCommand.PutJob(io.starling.protocol.catalog.JobRecord.newBuilder().setId("j1")
                        .setKind("delete_data").putDetails("delete_condition", "id = 1").build(), probe.getRef()),
                new CatalogCommand.PutPipe(io.starling.protocol.catalog.PipeSpec.newBuilder().setId("t_1").setName("p")
                        .setDatafile("NODE n\nSQL >\n    SELECT 1\n").build(), probe.getRef()),
                new CatalogCommand.DropPipe("p", probe.getRef()));
        for (CatalogCommand command : commands) {
            assertThat(serialization.findSerializerFor(command)).isInstanceOf(EnvelopeSerializer.class);
            Object back = roundTrip(serialization, command);
            assertThat(back).isEqualTo(command);
            assertThat(((CatalogCommand) back).replyTo()).isEqualTo(probe.getRef());
        }
    }

    @Test
    void shardCommandsKeepTheirPayloadAndReplyAddress() {
        TestProbe<ShardReply> probe = testKit.createTestProbe();
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        byte[] block = {1, 2, 3, 0, -1};
        ShardReplicaCommand.Insert insert = (ShardReplicaCommand.Insert) roundTrip(serialization,
                new ShardReplicaCommand.Insert(TABLE, block, probe.getRef()));
        assertThat(insert.table()).isEqualTo(TABLE);
        assertThat(insert.block()).containsExactly(block);
        assertThat(insert.replyTo()).isEqualTo(probe.getRef());

        List<ShardReplicaCommand> others = List.of(
                new ShardReplicaCommand.EnsureOpen(TABLE, probe.getRef()),
                new ShardReplicaCommand.Truncate(TABLE, probe.getRef()),
                new ShardReplicaCommand.Drop(TABLE.getTableId(), probe.getRef()));
        for (ShardReplicaCommand command : others) {
            assertThat(roundTrip(serialization, command)).isEqualTo(command);
        }
    }

    @Test
    void serializationTestKitAcceptsTheEnvelopes() {
        TestProbe<ShardReply> probe = testKit.createTestProbe();
        testKit.serializationTestKit().verifySerialization(new ShardReplicaCommand.EnsureOpen(TABLE, probe.getRef()), true);
        testKit.serializationTestKit().verifySerialization(ShardReply.newBuilder().setRows(1).build(), true);
    }

    @Test
    void manifestsAreStable() {
        // Journals and peers store these codes: changing one breaks recovery and mixed-version clusters.
        TestProbe<CatalogReply> probe = testKit.createTestProbe();
        EnvelopeSerializer serializer = (EnvelopeSerializer) SerializationExtension.get(Adapter.toClassic(testKit.system()))
                .findSerializerFor(new CatalogCommand.GetCatalog(probe.getRef()));
        assertThat(serializer.identifier()).isEqualTo(7181);
        assertThat(serializer.manifest(new CatalogCommand.GetCatalog(probe.getRef()))).isEqualTo("CG");
        assertThat(serializer.manifest(new CatalogCommand.CreateDataSource(DATA_SOURCE, probe.getRef()))).isEqualTo("CC");
        assertThat(serializer.manifest(new CatalogCommand.DropPipe("p", probe.getRef()))).isEqualTo("CDP");
    }

    @Test
    void tableSpecConvertsToAndFromTheStorageDefinition() {
        TableDefinition definition = TableSpecs.toDefinition(TABLE);
        assertThat(definition.columns()).extracting(column -> column.type().name()).containsExactly("Int64", "DateTime");
        assertThat(definition.partitionKey()).isEqualTo("toYYYYMM(when)");
        assertThat(definition.indexGranularity()).isEqualTo(1024);
        assertThat(TableSpecs.toSpec(TABLE.getTableId(), definition)).isEqualTo(TABLE);
    }

    private static Object roundTrip(Serialization serialization, Object message) {
        Serializer serializer = serialization.findSerializerFor(message);
        byte[] bytes = serializer.toBinary(message);
        String manifest = Serializers.manifestFor(serializer, message);
        return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    }
}
