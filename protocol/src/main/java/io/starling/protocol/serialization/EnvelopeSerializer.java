package io.starling.protocol.serialization;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.CreateDataSourceWire;
import io.starling.protocol.catalog.DropDataSourceWire;
import io.starling.protocol.catalog.EnsureTokensWire;
import io.starling.protocol.catalog.GetCatalogWire;
import io.starling.protocol.catalog.DeleteTokenWire;
import io.starling.protocol.catalog.PutJobWire;
import io.starling.protocol.catalog.PutPipeWire;
import io.starling.protocol.catalog.PutDeploymentWire;
import io.starling.protocol.catalog.PromoteDeploymentWire;
import io.starling.protocol.catalog.DropPipeWire;
import io.starling.protocol.catalog.PutTokenWire;
import io.starling.protocol.catalog.UpdateDataSourceWire;
import io.starling.protocol.shard.DropWire;
import io.starling.protocol.shard.EnsureOpenWire;
import io.starling.protocol.shard.InsertWire;
import io.starling.protocol.shard.ShardReplicaCommand;
import io.starling.protocol.shard.ShardReply;
import io.starling.protocol.shard.TruncateWire;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Serializes the command envelopes ({@link EnvelopeMessage}) as their {@code *Wire} protobuf forms.
 * Manifests are short, stable codes: never reuse one for another message.
 *
 * <p>Thread-safe. The {@link ActorRefResolver} is looked up lazily: the serializer is created while the
 * actor system is still starting, when the typed system is not available yet.
 */
public final class EnvelopeSerializer extends SerializerWithStringManifest {
    /** Registered in reference.conf; must never change (journals and peers know it). */
    public static final int IDENTIFIER = 7181;

    static final String CREATE_DATA_SOURCE = "CC";
    static final String DROP_DATA_SOURCE = "CD";
    static final String ENSURE_TOKENS = "CT";
    static final String GET_CATALOG = "CG";
    static final String PUT_TOKEN = "CPT";
    static final String DELETE_TOKEN = "CDT";
    static final String UPDATE_DATA_SOURCE = "CUD";
    static final String PUT_JOB = "CPJ";
    static final String PUT_PIPE = "CPP";
    static final String DROP_PIPE = "CDP";
    static final String PUT_DEPLOYMENT = "CPD";
    static final String PROMOTE_DEPLOYMENT = "CPR";
    static final String INSERT = "SI";
    static final String ENSURE_OPEN = "SO";
    static final String TRUNCATE = "ST";
    static final String DROP = "SD";

    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public EnvelopeSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return switch (message) {
            case CatalogCommand.CreateDataSource ignored -> CREATE_DATA_SOURCE;
            case CatalogCommand.DropDataSource ignored -> DROP_DATA_SOURCE;
            case CatalogCommand.EnsureTokens ignored -> ENSURE_TOKENS;
            case CatalogCommand.GetCatalog ignored -> GET_CATALOG;
            case CatalogCommand.PutToken ignored -> PUT_TOKEN;
            case CatalogCommand.DeleteToken ignored -> DELETE_TOKEN;
            case CatalogCommand.UpdateDataSource ignored -> UPDATE_DATA_SOURCE;
            case CatalogCommand.PutJob ignored -> PUT_JOB;
            case CatalogCommand.PutPipe ignored -> PUT_PIPE;
            case CatalogCommand.DropPipe ignored -> DROP_PIPE;
            case CatalogCommand.PutDeployment ignored -> PUT_DEPLOYMENT;
            case CatalogCommand.PromoteDeployment ignored -> PROMOTE_DEPLOYMENT;
            case ShardReplicaCommand.Insert ignored -> INSERT;
            case ShardReplicaCommand.EnsureOpen ignored -> ENSURE_OPEN;
            case ShardReplicaCommand.Truncate ignored -> TRUNCATE;
            case ShardReplicaCommand.Drop ignored -> DROP;
            default -> throw new IllegalArgumentException("No envelope manifest for [" + message.getClass().getName()
                    + "]; add it to EnvelopeSerializer");
        };
    }

    @Override
    public byte[] toBinary(Object message) {
        return switch (message) {
            case CatalogCommand.CreateDataSource c -> CreateDataSourceWire.newBuilder()
                    .setDataSource(c.dataSource()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.DropDataSource c -> DropDataSourceWire.newBuilder()
                    .setName(c.name()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.EnsureTokens c -> EnsureTokensWire.newBuilder()
                    .setProposed(c.proposed()).setReplace(c.replace()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.GetCatalog c -> GetCatalogWire.newBuilder()
                    .setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.PutToken c -> PutTokenWire.newBuilder()
                    .setToken(c.token()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.DeleteToken c -> DeleteTokenWire.newBuilder()
                    .setName(c.name()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.UpdateDataSource c -> UpdateDataSourceWire.newBuilder().setOldName(c.oldName())
                    .setDataSource(c.dataSource()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.PutJob c -> PutJobWire.newBuilder()
                    .setJob(c.job()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.PutPipe c -> PutPipeWire.newBuilder()
                    .setPipe(c.pipe()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.DropPipe c -> DropPipeWire.newBuilder()
                    .setName(c.name()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.PutDeployment c -> PutDeploymentWire.newBuilder()
                    .setDeployment(c.deployment()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case CatalogCommand.PromoteDeployment c -> PromoteDeploymentWire.newBuilder().setId(c.id())
                    .setPromotedAtMicros(c.promotedAtMicros()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case ShardReplicaCommand.Insert c -> InsertWire.newBuilder().setTable(c.table())
                    .setBlock(ByteString.copyFrom(c.block())).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case ShardReplicaCommand.EnsureOpen c -> EnsureOpenWire.newBuilder()
                    .setTable(c.table()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case ShardReplicaCommand.Truncate c -> TruncateWire.newBuilder()
                    .setTable(c.table()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            case ShardReplicaCommand.Drop c -> DropWire.newBuilder()
                    .setTableId(c.tableId()).setReplyTo(ref(c.replyTo())).build().toByteArray();
            default -> throw new IllegalArgumentException("Cannot serialize [" + message.getClass().getName()
                    + "] with EnvelopeSerializer; add it there");
        };
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            return switch (manifest) {
                case CREATE_DATA_SOURCE -> {
                    CreateDataSourceWire wire = CreateDataSourceWire.parseFrom(bytes);
                    yield new CatalogCommand.CreateDataSource(wire.getDataSource(),
                            this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case DROP_DATA_SOURCE -> {
                    DropDataSourceWire wire = DropDataSourceWire.parseFrom(bytes);
                    yield new CatalogCommand.DropDataSource(wire.getName(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case ENSURE_TOKENS -> {
                    EnsureTokensWire wire = EnsureTokensWire.parseFrom(bytes);
                    yield new CatalogCommand.EnsureTokens(wire.getProposed(), wire.getReplace(),
                            this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case GET_CATALOG -> new CatalogCommand.GetCatalog(
                        this.<CatalogReply>resolve(GetCatalogWire.parseFrom(bytes).getReplyTo()));
                case PUT_TOKEN -> {
                    PutTokenWire wire = PutTokenWire.parseFrom(bytes);
                    yield new CatalogCommand.PutToken(wire.getToken(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case DELETE_TOKEN -> {
                    DeleteTokenWire wire = DeleteTokenWire.parseFrom(bytes);
                    yield new CatalogCommand.DeleteToken(wire.getName(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case UPDATE_DATA_SOURCE -> {
                    UpdateDataSourceWire wire = UpdateDataSourceWire.parseFrom(bytes);
                    yield new CatalogCommand.UpdateDataSource(wire.getOldName(), wire.getDataSource(),
                            this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case PUT_JOB -> {
                    PutJobWire wire = PutJobWire.parseFrom(bytes);
                    yield new CatalogCommand.PutJob(wire.getJob(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case PUT_PIPE -> {
                    PutPipeWire wire = PutPipeWire.parseFrom(bytes);
                    yield new CatalogCommand.PutPipe(wire.getPipe(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case DROP_PIPE -> {
                    DropPipeWire wire = DropPipeWire.parseFrom(bytes);
                    yield new CatalogCommand.DropPipe(wire.getName(), this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case PUT_DEPLOYMENT -> {
                    PutDeploymentWire wire = PutDeploymentWire.parseFrom(bytes);
                    yield new CatalogCommand.PutDeployment(wire.getDeployment(),
                            this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case PROMOTE_DEPLOYMENT -> {
                    PromoteDeploymentWire wire = PromoteDeploymentWire.parseFrom(bytes);
                    yield new CatalogCommand.PromoteDeployment(wire.getId(), wire.getPromotedAtMicros(),
                            this.<CatalogReply>resolve(wire.getReplyTo()));
                }
                case INSERT -> {
                    InsertWire wire = InsertWire.parseFrom(bytes);
                    yield new ShardReplicaCommand.Insert(wire.getTable(), wire.getBlock().toByteArray(),
                            this.<ShardReply>resolve(wire.getReplyTo()));
                }
                case ENSURE_OPEN -> {
                    EnsureOpenWire wire = EnsureOpenWire.parseFrom(bytes);
                    yield new ShardReplicaCommand.EnsureOpen(wire.getTable(), this.<ShardReply>resolve(wire.getReplyTo()));
                }
                case TRUNCATE -> {
                    TruncateWire wire = TruncateWire.parseFrom(bytes);
                    yield new ShardReplicaCommand.Truncate(wire.getTable(), this.<ShardReply>resolve(wire.getReplyTo()));
                }
                case DROP -> {
                    DropWire wire = DropWire.parseFrom(bytes);
                    yield new ShardReplicaCommand.Drop(wire.getTableId(), this.<ShardReply>resolve(wire.getReplyTo()));
                }
                default -> throw new NotSerializableException("Unknown envelope manifest [" + manifest
                        + "]; is this node older than its peers?");
            };
        } catch (InvalidProtocolBufferException e) {
            NotSerializableException failure = new NotSerializableException(
                    "Corrupt envelope with manifest [" + manifest + "]: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
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
