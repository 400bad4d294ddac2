package io.starling.node.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.Ack;
import io.starling.protocol.shard.ShardReplicaCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.IntegerType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's disk work on a real MergeTreeTable, and its error replies, without actors. */
class ReplicaStoreTest {
    private static final TableSpec TABLE = TableSpec.newBuilder().setTableId("t_abc")
            .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
            .setEngine("MergeTree").addSortingKey("id").build();

    @TempDir
    Path root;

    private static byte[] block(long... values) {
        return EngineContracts.serialize(new Block(List.of(new LongColumn(IntegerType.INT64, values)), values.length));
    }

    @Test
    void insertsAreDurableAndRegisteredForLocalReads() {
        LocalTables registry = new LocalTables();
        ReplicaStore store = new ReplicaStore(root, registry);
        assertThat(store.insert(TABLE, block(3, 1, 2)).rows()).isEqualTo(3);
        assertThat(registry.get("t_abc")).isPresent();
        assertThat(registry.get("t_abc").get().statistics().rowCount()).isEqualTo(3);
        registry.close();

        // A fresh registry (a restarted node) finds the rows on disk.
        LocalTables reopened = new LocalTables();
        assertThat(new ReplicaStore(root, reopened).open(TABLE).statistics().rowCount()).isEqualTo(3);
        reopened.close();
    }

    @Test
    void aTablesFirstInsertCountsAsInsertsFlowing() {
        // A table gets its merge scheduler after its first insert, so that insert cannot report itself: the
        // registration must, or a bulk import's big merges start under the next load (they wait while inserts flow).
        LocalTables registry = new LocalTables();
        ReplicaStore store = new ReplicaStore(root, registry);
        store.insert(TABLE, block(1, 2));
        assertThat(registry.isMerging("t_abc")).isFalse();
        assertThat(registry.mergeScheduler().insertsFlowing()).isFalse();
        store.mergeSoon(TABLE);
        assertThat(registry.isMerging("t_abc")).isTrue();
        assertThat(registry.mergeScheduler().insertsFlowing()).isTrue();
        registry.close();
    }

    @Test
    void aSpecOfAHigherSchemaVersionRedefinesTheTableAndALowerOneNeverGoesBack() {
        LocalTables registry = new LocalTables();
        ReplicaStore store = new ReplicaStore(root, registry);
        store.insert(TABLE, block(1, 2));
        store.mergeSoon(TABLE);
        TableSpec altered = TABLE.toBuilder().setSchemaVersion(1)
                .addColumns(TableColumn.newBuilder().setName("w").setType("Int64")).build();

        var redefined = store.open(altered);
        assertThat(redefined.definition().columns()).extracting(column -> column.name()).containsExactly("id", "w");
        assertThat(redefined.statistics().rowCount()).isEqualTo(2);
        assertThat(registry.isMerging("t_abc")).as("still merged in the background").isTrue();
        Block wide = new Block(List.of(new LongColumn(IntegerType.INT64, new long[] {3}),
                new LongColumn(IntegerType.INT64, new long[] {30})), 1);
        assertThat(store.insert(altered, EngineContracts.serialize(wide)).rows()).isEqualTo(1);

        // A request that began before the alteration brings the old spec: the table stays as altered, and the old
        // rows' write fails retryably (ABORTED) instead of as a bad request.
        assertThat(store.open(TABLE)).isSameAs(redefined);
        assertThatThrownBy(() -> store.insert(TABLE, block(4)))
                .isInstanceOfSatisfying(StarlingException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(io.starling.storage.error.ErrorCode.ABORTED))
                .hasMessageContaining("altered");
        assertThat(store.open(altered)).isSameAs(redefined);
        assertThat(redefined.statistics().rowCount()).isEqualTo(3);
        registry.close();
    }

    @Test
    void truncateAndDrop() {
        LocalTables registry = new LocalTables();
        ReplicaStore store = new ReplicaStore(root, registry);
        store.insert(TABLE, block(1, 2));
        store.truncate(TABLE);
        assertThat(store.open(TABLE).statistics().rowCount()).isZero();
        store.drop("t_abc");
        assertThat(registry.get("t_abc")).isEmpty();
        assertThat(Files.exists(root.resolve("t_abc"))).isFalse();
    }

    @Test
    void refusesTableIdsThatAreNotPlainNames() {
        ReplicaStore store = new ReplicaStore(root, new LocalTables());
        assertThatThrownBy(() -> store.drop("../etc")).isInstanceOf(StarlingException.class);
    }

    @Test
    void failuresBecomeErrorReplies() {
        ShardReply reply = ShardReplica.failure(new StarlingException(io.starling.storage.error.ErrorCode.TOO_MANY_PARTS, "slow down"));
        assertThat(reply.getAck()).isEqualTo(Ack.newBuilder().setOk(false).setErrorCode(252)
                .setErrorName("TOO_MANY_PARTS").setErrorMessage("slow down").build());
        ShardReply unexpected = ShardReplica.failure(new IllegalStateException("boom"));
        assertThat(unexpected.getAck().getOk()).isFalse();
        assertThat(unexpected.getAck().getErrorMessage()).contains("boom");
    }

    @Test
    void executeAnswersStatistics() {
        LocalTables registry = new LocalTables();
        ReplicaStore store = new ReplicaStore(root, registry);
        ShardReply reply = ShardReplica.execute(store, new ShardReplicaCommand.Insert(TABLE, block(5, 6), ignoredRef()));
        assertThat(reply.getAck().getOk()).isTrue();
        assertThat(reply.getRows()).isEqualTo(2);
        assertThat(reply.getTotalRows()).isEqualTo(2);
        assertThat(reply.getPartNamesCount()).isPositive();
        registry.close();
    }

    private static org.apache.pekko.actor.typed.ActorRef<ShardReply> ignoredRef() {
        return TEST_KIT.<ShardReply>createTestProbe().getRef();
    }

    private static final org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit TEST_KIT =
            org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit.create("replica-store");

    @org.junit.jupiter.api.AfterAll
    static void stopTestKit() {
        TEST_KIT.shutdownTestKit();
    }
}
