package io.starling.protocol.cluster;

import io.starling.protocol.shardlog.ReplicaDiscardRequest;
import io.starling.protocol.shardlog.ReplicaDrainRequest;
import io.starling.protocol.shardlog.ReplicaFetchRequest;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ReplicaMutateRequest;
import io.starling.protocol.shardlog.ReplicaStageRequest;
import io.starling.protocol.shardlog.ReplicaSyncRequest;
import io.starling.protocol.shardlog.ReplicaWriteRequest;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/** Commands to the replica host of one node (the replicas of replicated tables placed there). */
public sealed interface ReplicaHostCommand extends ClusterEnvelope {

    ActorRef<ReplicaHostReply> replyTo();

    /** Writes a block under a block number from the shard's log (not yet committed there). */
    record Write(ReplicaWriteRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Write {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Holds one piece of a block a following {@link Write} names (blocks bigger than one Artery frame). */
    record Stage(ReplicaStageRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Stage {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Fetches committed parts from the given replicas through the data port, then records them in the log. */
    record Fetch(ReplicaFetchRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Fetch {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Catches up with the log now (fetches every committed part this replica lacks). */
    record Sync(ReplicaSyncRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Sync {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Removes written parts that were never committed (the insert was a duplicate). */
    record Discard(ReplicaDiscardRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Discard {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Truncate / replace / delete of one shard, executed here and recorded in the shard's log. */
    record Mutate(ReplicaMutateRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Mutate {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** A node announces it is leaving: sent to the rebalancing leader, which moves the node's replicas away. */
    record Drain(ReplicaDrainRequest request, ActorRef<ReplicaHostReply> replyTo) implements ReplicaHostCommand {
        public Drain {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }
}
