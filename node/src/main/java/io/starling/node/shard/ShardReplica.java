package io.starling.node.shard;

import io.starling.protocol.Ack;
import io.starling.protocol.shard.ShardReplicaCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.storage.engine.InsertResult;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of one shard of a table, as a Cluster Sharding entity (id {@code <tableId>~<shard>~<replica>};
 * S=1, R=1 for now, so always {@code ~0~0}). A thin actor: each command runs in {@link ReplicaStore} on the
 * blocking-IO executor and is answered with a {@link ShardReply} value, never an exception. Commands may run
 * concurrently (MergeTreeTable inserts are thread-safe). The ShardLog that orders writes between replicas
 * comes with replication.
 */
public final class ShardReplica {
    public static final EntityTypeKey<ShardReplicaCommand> TYPE_KEY =
            EntityTypeKey.create(ShardReplicaCommand.class, "ShardReplica");
    private static final Logger LOG = LoggerFactory.getLogger(ShardReplica.class);
    private static final String SEPARATOR = "~";

    private ShardReplica() {
    }

    public static String entityId(String tableId, int shard, int replica) {
        return tableId + SEPARATOR + shard + SEPARATOR + replica;
    }

    public static void init(ClusterSharding sharding, ReplicaStore store, Executor blockingIo, String role) {
        sharding.init(Entity.of(TYPE_KEY, context -> create(store, blockingIo)).withRole(role));
    }

    public static Behavior<ShardReplicaCommand> create(ReplicaStore store, Executor blockingIo) {
        return Behaviors.receive(ShardReplicaCommand.class)
                .onAnyMessage(command -> {
                    CompletableFuture.supplyAsync(() -> execute(store, command), blockingIo)
                            .exceptionally(ShardReplica::failure)
                            .thenAccept(reply -> command.replyTo().tell(reply));
                    return Behaviors.same();
                })
                .build();
    }

    static ShardReply execute(ReplicaStore store, ShardReplicaCommand command) {
        return switch (command) {
            case ShardReplicaCommand.Insert insert -> {
                InsertResult result = store.insert(insert.table(), insert.block());
                store.mergeSoon(insert.table());
                yield ok(store.open(insert.table())).setRows(result.rows()).addAllPartNames(result.partNames()).build();
            }
            case ShardReplicaCommand.EnsureOpen open -> ok(store.open(open.table())).build();
            case ShardReplicaCommand.Truncate truncate -> {
                store.truncate(truncate.table());
                yield ok(store.open(truncate.table())).build();
            }
            case ShardReplicaCommand.Drop drop -> {
                store.drop(drop.tableId());
                yield ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).build();
            }
        };
    }

    private static ShardReply.Builder ok(MergeTreeTable table) {
        TableStatistics statistics = table.statistics();
        return ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                .setTotalRows(statistics.rowCount()).setBytesOnDisk(statistics.bytesOnDisk());
    }

    static ShardReply failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ErrorCode code;
        String message;
        if (cause instanceof StarlingException starling) {
            code = starling.errorCode();
            message = starling.getMessage();
        } else {
            LOG.error("Shard replica command failed", cause);
            code = ErrorCode.STD_EXCEPTION;
            message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return ShardReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(code.code())
                .setErrorName(code.name()).setErrorMessage(message == null ? "" : message)).build();
    }
}
