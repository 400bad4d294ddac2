package io.starling.node.cluster;

import io.starling.protocol.Ack;
import io.starling.protocol.cluster.ReplicaHostCommand;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks the {@link ReplicaHost} of a node (this one or a peer) and turns a refused ack into a {@link StarlingException}
 * with the host's error code. Split out of {@link ReplicatedTables}. Thread-safe.
 */
final class HostAsks {
    private final ActorSystem<?> system;
    private final Duration timeout;

    HostAsks(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    CompletionStage<ReplicaHostReply> ask(String nodeId,
                                          Function<ActorRef<ReplicaHostReply>, ReplicaHostCommand> command) {
        ActorRef<ReplicaHostCommand> host = ReplicaHost.refFor(system, nodeId);
        return AskPattern.ask(host, command::apply, timeout, system.scheduler()).thenApply(reply -> {
            Ack ack = reply.getAck();
            if (!ack.getOk()) {
                throw new StarlingException(ShardLogs.errorCode(ack.getErrorName()), ack.getErrorMessage());
            }
            return reply;
        });
    }
}
