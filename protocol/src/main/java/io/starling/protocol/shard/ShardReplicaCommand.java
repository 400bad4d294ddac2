package io.starling.protocol.shard;

import io.starling.protocol.serialization.EnvelopeMessage;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Commands to one replica of one table shard. Each answers one {@link ShardReply}; failures are values
 * ({@code ack.ok = false} with a ClickHouse error code), never exceptions.
 */
public sealed interface ShardReplicaCommand extends EnvelopeMessage {

    ActorRef<ShardReply> replyTo();

    /** Writes {@code block} (BlockSerde bytes, in the table's column order) as new parts; durable before the reply. */
    record Insert(TableSpec table, byte[] block, ActorRef<ShardReply> replyTo) implements ShardReplicaCommand {
        public Insert {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Opens (creating when needed) the table's directory and registers it for local reads. */
    record EnsureOpen(TableSpec table, ActorRef<ShardReply> replyTo) implements ShardReplicaCommand {
        public EnsureOpen {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Removes every row. */
    record Truncate(TableSpec table, ActorRef<ShardReply> replyTo) implements ShardReplicaCommand {
        public Truncate {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Closes the table and deletes its directory. */
    record Drop(String tableId, ActorRef<ShardReply> replyTo) implements ShardReplicaCommand {
        public Drop {
            Objects.requireNonNull(tableId, "tableId");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }
}
