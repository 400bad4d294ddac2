package io.starling.node.cluster.query;

import io.starling.node.NodeSettings;
import io.starling.protocol.Ack;
import io.starling.protocol.query.FragmentBlock;
import io.starling.protocol.query.FragmentReply;
import io.starling.protocol.query.FragmentRequest;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.StreamRefResolver;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query fragments of one node, as one system actor at a well-known path ({@value #NAME}) so a peer addresses it
 * from the node id alone. Its protocol is the protobuf {@link FragmentRequest} itself (the reply address travels in
 * the message), so no envelope serializer is involved. A thin actor: each request runs in {@link FragmentServer} on
 * the blocking-IO executor (concurrently); the result is offered as a {@link SourceRef} of {@link FragmentBlock}s
 * (back-pressured: the replica sends only what the receiving node asked for) and the reply carries the ref in
 * StreamRefResolver's format. Failures are replied as values ({@code ack.ok = false}). A probe
 * ({@link FragmentRequest#getProbe}) is answered at once, from the actor itself.
 */
public final class FragmentHost {
    public static final String NAME = "starling-fragments";
    private static final Logger LOG = LoggerFactory.getLogger(FragmentHost.class);

    private FragmentHost() {
    }

    public static ActorRef<FragmentRequest> spawn(ActorSystem<?> system, FragmentServer server, Executor blockingIo) {
        return system.systemActorOf(create(server, blockingIo), NAME, Props.empty());
    }

    /** The fragment host of node {@code nodeId} (Artery host:port), local or remote. */
    public static ActorRef<FragmentRequest> refFor(ActorSystem<?> system, String nodeId) {
        return ActorRefResolver.get(system).resolveActorRef("pekko://" + NodeSettings.ACTOR_SYSTEM_NAME + "@" + nodeId
                + "/system/" + NAME);
    }

    static Behavior<FragmentRequest> create(FragmentServer server, Executor blockingIo) {
        return Behaviors.setup(context -> {
            ActorSystem<?> system = context.getSystem();
            Materializer materializer = Materializer.matFromSystem(system);
            ActorRefResolver refs = ActorRefResolver.get(system);
            StreamRefResolver streamRefs = StreamRefResolver.get(system);
            return Behaviors.receive(FragmentRequest.class)
                    .onAnyMessage(request -> {
                        ActorRef<FragmentReply> replyTo = refs.resolveActorRef(request.getReplyTo());
                        if (request.getProbe()) {
                            replyTo.tell(FragmentReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).build());
                            return Behaviors.same();
                        }
                        CompletableFuture.supplyAsync(() -> {
                            if (request.getPlainScan()) {
                                FragmentServer.PlainScan scan = server.plainScan(request);
                                SourceRef<FragmentBlock> ref = scanSource(scan.open())
                                        .runWith(StreamRefs.sourceRef(), materializer);
                                return FragmentReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                                        .addAllPartsRead(scan.partsRead())
                                        .setSourceRef(streamRefs.toSerializationFormat(ref)).build();
                            }
                            FragmentServer.Result result = server.execute(request);
                            if (result.fitsInReply()) {
                                return result.reply().addAllInlineBlocks(result.elements()).build();
                            }
                            SourceRef<FragmentBlock> ref = Source.from(result.elements())
                                    .runWith(StreamRefs.sourceRef(), materializer);
                            return result.reply().setSourceRef(streamRefs.toSerializationFormat(ref)).build();
                        }, blockingIo).exceptionally(FragmentHost::failure).thenAccept(replyTo::tell);
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /**
     * The blocks of a plain scan as stream elements, read from the parts only as the receiving node pulls them
     * (Pekko runs unfoldResource on its blocking-IO dispatcher); the scan is closed when the stream ends or is
     * cancelled.
     */
    static Source<FragmentBlock, org.apache.pekko.NotUsed> scanSource(
            java.util.function.Supplier<io.starling.storage.block.BlockStream> open) {
        return Source.<java.util.List<FragmentBlock>, io.starling.storage.block.BlockStream>unfoldResource(open::get,
                stream -> {
                    io.starling.storage.block.Block block = stream.next();
                    if (block == null) {
                        return java.util.Optional.empty();
                    }
                    java.util.List<FragmentBlock> elements = new java.util.ArrayList<>();
                    FragmentServer.cut(block, elements);
                    return java.util.Optional.of(elements);
                }, io.starling.storage.block.BlockStream::close)
                .mapConcat(elements -> elements);
    }

    static FragmentReply failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ErrorCode code;
        String message;
        if (cause instanceof StarlingException starling) {
            code = starling.errorCode();
            message = starling.getMessage();
        } else {
            LOG.error("Query fragment failed", cause);
            code = ErrorCode.STD_EXCEPTION;
            message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return FragmentReply.newBuilder().setAck(Ack.newBuilder().setOk(false).setErrorCode(code.code())
                .setErrorName(code.name()).setErrorMessage(message == null ? "" : message)).build();
    }
}
