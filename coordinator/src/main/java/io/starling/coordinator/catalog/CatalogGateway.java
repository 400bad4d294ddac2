package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogReply;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/** Sends a command to the workspace catalog and answers its reply (a failed stage on timeout). */
@FunctionalInterface
public interface CatalogGateway {
    CompletionStage<CatalogReply> ask(Function<ActorRef<CatalogReply>, CatalogCommand> command);
}
