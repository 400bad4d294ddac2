package io.starling.protocol.cluster;

import io.starling.protocol.shardlog.AllocateRequest;
import io.starling.protocol.shardlog.ChangePlacementRequest;
import io.starling.protocol.shardlog.ClaimMergeLeaseRequest;
import io.starling.protocol.shardlog.CommitDropRequest;
import io.starling.protocol.shardlog.CommitMergeRequest;
import io.starling.protocol.shardlog.CommitRequest;
import io.starling.protocol.shardlog.EnsurePlacementRequest;
import io.starling.protocol.shardlog.GetLogRequest;
import io.starling.protocol.shardlog.RecordHeldRequest;
import io.starling.protocol.shardlog.RegisterReplicaRequest;
import io.starling.protocol.shardlog.ShardLogReply;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Commands to the replication log of one table shard. Each answers one {@link ShardLogReply}; failures are values
 * ({@code ack.ok = false}), never exceptions.
 */
public sealed interface ShardLogCommand extends ClusterEnvelope {

    ActorRef<ShardLogReply> replyTo();

    /** Chooses the replica placement when there is none yet; answers the placement. */
    record EnsurePlacement(EnsurePlacementRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public EnsurePlacement {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** A new block number, or {@code duplicate} when the dedup key was committed already. */
    record Allocate(AllocateRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public Allocate {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Records the parts written under an allocated block number; {@code duplicate} when another commit won. */
    record Commit(CommitRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public Commit {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** A replica now holds these parts; answers the holdings of the log's parts. */
    record RecordHeld(RecordHeldRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public RecordHeld {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** A replica incarnation starts: a new replica epoch, holdings replaced by what it found on disk. */
    record RegisterReplica(RegisterReplicaRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public RegisterReplica {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Entries from an index, the placement and the holdings. */
    record GetLog(GetLogRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public GetLog {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** A replica asks to be (or stay) the merge leader; answers the leader ({@code merge_leader}). */
    record ClaimMergeLease(ClaimMergeLeaseRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public ClaimMergeLease {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** The merge leader's merge, appended as a PartsMerged entry when its sources are still live. */
    record CommitMerge(CommitMergeRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public CommitMerge {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Truncate / replace / delete, appended as a RangeDropped entry when the dropped parts are still live. */
    record CommitDrop(CommitDropRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public CommitDrop {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Re-placement: adds a replica, flags replicas leaving, removes leaving ones; answers the new placement. */
    record ChangePlacement(ChangePlacementRequest request, ActorRef<ShardLogReply> replyTo) implements ShardLogCommand {
        public ChangePlacement {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }
}
