package io.starling.protocol.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.starling.protocol.shardlog.ReplicaHostCommandWire;
import io.starling.protocol.shardlog.ReplicaHostReply;
import io.starling.protocol.shardlog.ShardLogCommandWire;
import io.starling.protocol.shardlog.ShardLogReply;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Serializes {@link ClusterEnvelope}s as {@code ShardLogCommandWire} / {@code ReplicaHostCommandWire}: the request
 * is a protobuf message in a oneof, the reply address a serialized ActorRef. Manifests never change meaning.
 * Thread-safe; the ActorRefResolver is looked up lazily (the typed system does not exist while serializers are
 * created).
 */
public final class ClusterEnvelopeSerializer extends SerializerWithStringManifest {
    /** Registered in reference.conf; must never change. */
    public static final int IDENTIFIER = 7183;
    static final String SHARD_LOG = "L";
    static final String REPLICA_HOST = "R";

    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public ClusterEnvelopeSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return switch (message) {
            case ShardLogCommand ignored -> SHARD_LOG;
            case ReplicaHostCommand ignored -> REPLICA_HOST;
            default -> throw new IllegalArgumentException("No cluster envelope manifest for ["
                    + message.getClass().getName() + "]");
        };
    }

    @Override
    public byte[] toBinary(Object message) {
        return switch (message) {
            case ShardLogCommand command -> shardLog(command).toByteArray();
            case ReplicaHostCommand command -> replicaHost(command).toByteArray();
            default -> throw new IllegalArgumentException("Cannot serialize [" + message.getClass().getName()
                    + "] with ClusterEnvelopeSerializer");
        };
    }

    private ShardLogCommandWire shardLog(ShardLogCommand command) {
        ShardLogCommandWire.Builder wire = ShardLogCommandWire.newBuilder().setReplyTo(ref(command.replyTo()));
        switch (command) {
            case ShardLogCommand.EnsurePlacement c -> wire.setEnsurePlacement(c.request());
            case ShardLogCommand.Allocate c -> wire.setAllocate(c.request());
            case ShardLogCommand.Commit c -> wire.setCommit(c.request());
            case ShardLogCommand.RecordHeld c -> wire.setRecordHeld(c.request());
            case ShardLogCommand.RegisterReplica c -> wire.setRegisterReplica(c.request());
            case ShardLogCommand.GetLog c -> wire.setGetLog(c.request());
            case ShardLogCommand.ClaimMergeLease c -> wire.setClaimMergeLease(c.request());
            case ShardLogCommand.CommitMerge c -> wire.setCommitMerge(c.request());
            case ShardLogCommand.CommitDrop c -> wire.setCommitDrop(c.request());
            case ShardLogCommand.ChangePlacement c -> wire.setChangePlacement(c.request());
        }
        return wire.build();
    }

    private ReplicaHostCommandWire replicaHost(ReplicaHostCommand command) {
        ReplicaHostCommandWire.Builder wire = ReplicaHostCommandWire.newBuilder().setReplyTo(ref(command.replyTo()));
        switch (command) {
            case ReplicaHostCommand.Write c -> wire.setWrite(c.request());
            case ReplicaHostCommand.Fetch c -> wire.setFetch(c.request());
            case ReplicaHostCommand.Sync c -> wire.setSync(c.request());
            case ReplicaHostCommand.Discard c -> wire.setDiscard(c.request());
            case ReplicaHostCommand.Mutate c -> wire.setMutate(c.request());
            case ReplicaHostCommand.Drain c -> wire.setDrain(c.request());
            case ReplicaHostCommand.Stage c -> wire.setStage(c.request());
        }
        return wire.build();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            return switch (manifest) {
                case SHARD_LOG -> shardLog(ShardLogCommandWire.parseFrom(bytes));
                case REPLICA_HOST -> replicaHost(ReplicaHostCommandWire.parseFrom(bytes));
                default -> throw new NotSerializableException("Unknown cluster envelope manifest [" + manifest
                        + "]; is this node older than its peers?");
            };
        } catch (InvalidProtocolBufferException e) {
            NotSerializableException failure = new NotSerializableException(
                    "Corrupt cluster envelope with manifest [" + manifest + "]: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private ShardLogCommand shardLog(ShardLogCommandWire wire) throws NotSerializableException {
        ActorRef<ShardLogReply> replyTo = resolve(wire.getReplyTo());
        return switch (wire.getRequestCase()) {
            case ENSURE_PLACEMENT -> new ShardLogCommand.EnsurePlacement(wire.getEnsurePlacement(), replyTo);
            case ALLOCATE -> new ShardLogCommand.Allocate(wire.getAllocate(), replyTo);
            case COMMIT -> new ShardLogCommand.Commit(wire.getCommit(), replyTo);
            case RECORD_HELD -> new ShardLogCommand.RecordHeld(wire.getRecordHeld(), replyTo);
            case REGISTER_REPLICA -> new ShardLogCommand.RegisterReplica(wire.getRegisterReplica(), replyTo);
            case GET_LOG -> new ShardLogCommand.GetLog(wire.getGetLog(), replyTo);
            case CLAIM_MERGE_LEASE -> new ShardLogCommand.ClaimMergeLease(wire.getClaimMergeLease(), replyTo);
            case COMMIT_MERGE -> new ShardLogCommand.CommitMerge(wire.getCommitMerge(), replyTo);
            case COMMIT_DROP -> new ShardLogCommand.CommitDrop(wire.getCommitDrop(), replyTo);
            case CHANGE_PLACEMENT -> new ShardLogCommand.ChangePlacement(wire.getChangePlacement(), replyTo);
            case REQUEST_NOT_SET -> throw new NotSerializableException("ShardLog command without a request");
        };
    }

    private ReplicaHostCommand replicaHost(ReplicaHostCommandWire wire) throws NotSerializableException {
        ActorRef<ReplicaHostReply> replyTo = resolve(wire.getReplyTo());
        return switch (wire.getRequestCase()) {
            case WRITE -> new ReplicaHostCommand.Write(wire.getWrite(), replyTo);
            case FETCH -> new ReplicaHostCommand.Fetch(wire.getFetch(), replyTo);
            case SYNC -> new ReplicaHostCommand.Sync(wire.getSync(), replyTo);
            case DISCARD -> new ReplicaHostCommand.Discard(wire.getDiscard(), replyTo);
            case MUTATE -> new ReplicaHostCommand.Mutate(wire.getMutate(), replyTo);
            case DRAIN -> new ReplicaHostCommand.Drain(wire.getDrain(), replyTo);
            case STAGE -> new ReplicaHostCommand.Stage(wire.getStage(), replyTo);
            case REQUEST_NOT_SET -> throw new NotSerializableException("Replica host command without a request");
        };
    }

    private String ref(ActorRef<?> ref) {
        return resolver().toSerializationFormat(ref);
    }

    private <T> ActorRef<T> resolve(String serialized) {
        return resolver().resolveActorRef(serialized);
    }

    private ActorRefResolver resolver() {
        ActorRefResolver current = resolver;
        if (current == null) {
            current = ActorRefResolver.get(Adapter.toTyped(system));
            resolver = current;
        }
        return current;
    }
}
