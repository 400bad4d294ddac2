package io.starling.node.shard;

import io.starling.node.bridge.EngineContracts;
import io.starling.protocol.Ack;
import io.starling.protocol.shard.ShardReplicaCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TableSpec;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Client of the shard replicas: sends commands to replica 0 of shard 0 (S=1, R=1) and turns error
 * replies into failed stages carrying a {@link StarlingException}. Thread-safe.
 */
public final class Replicas {
    private final ClusterSharding sharding;
    private final Duration timeout;
    /** Server mode: tables are replicated through their ShardLog (null on a {@code local} node). */
    private volatile io.starling.node.cluster.ReplicatedTables replicated;

    public Replicas(ClusterSharding sharding, Duration timeout) {
        this.sharding = sharding;
        this.timeout = timeout;
    }

    /** Server mode: route every command to the replicated tables from now on. */
    public void useReplication(io.starling.node.cluster.ReplicatedTables tables) {
        this.replicated = tables;
    }

    /** The replicated tables in server mode, or null on a {@code local} node. */
    public io.starling.node.cluster.ReplicatedTables replicated() {
        return replicated;
    }

    /**
     * Inserts with an insert token: on a replicated table a retry with the same token is applied once (a local
     * node ignores the token for now).
     */
    public CompletionStage<ShardReply> insert(TableSpec table, Block block, String insertToken) {
        io.starling.node.cluster.ReplicatedTables tables = replicated;
        return tables != null ? tables.insert(table, block, insertToken) : insert(table, block);
    }

    public CompletionStage<ShardReply> insert(TableSpec table, Block block) {
        io.starling.node.cluster.ReplicatedTables tables = replicated;
        if (tables != null) {
            return tables.insert(table, block);
        }
        byte[] bytes = EngineContracts.serialize(block);
        return ask(table.getTableId(), replyTo -> new ShardReplicaCommand.Insert(table, bytes, replyTo));
    }

    public CompletionStage<ShardReply> ensureOpen(TableSpec table) {
        io.starling.node.cluster.ReplicatedTables tables = replicated;
        if (tables != null) {
            return tables.ensureOpen(table);
        }
        return ask(table.getTableId(), replyTo -> new ShardReplicaCommand.EnsureOpen(table, replyTo));
    }

    public CompletionStage<ShardReply> truncate(TableSpec table) {
        io.starling.node.cluster.ReplicatedTables tables = replicated;
        if (tables != null) {
            return tables.truncate(table);   // a RangeDropped entry per shard, applied by a quorum
        }
        return ask(table.getTableId(), replyTo -> new ShardReplicaCommand.Truncate(table, replyTo));
    }

    public CompletionStage<ShardReply> drop(String tableId) {
        return ask(tableId, replyTo -> new ShardReplicaCommand.Drop(tableId, replyTo));
    }

    private CompletionStage<ShardReply> ask(String tableId, Function<ActorRef<ShardReply>, ShardReplicaCommand> command) {
        return sharding.entityRefFor(ShardReplica.TYPE_KEY, ShardReplica.entityId(tableId, 0, 0))
                .ask(command::apply, timeout)
                .thenApply(reply -> {
                    Ack ack = reply.getAck();
                    if (!ack.getOk()) {
                        throw new StarlingException(errorCode(ack), ack.getErrorMessage());
                    }
                    return reply;
                });
    }

    static ErrorCode errorCode(Ack ack) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(ack.getErrorName())) {
                return code;
            }
        }
        return ErrorCode.STD_EXCEPTION;
    }
}
