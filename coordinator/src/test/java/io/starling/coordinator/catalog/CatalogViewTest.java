package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.protocol.Ack;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The local copy, driven by a hand-written fake catalog that decides with the real decision functions. */
class CatalogViewTest {

    private static final org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit TEST_KIT =
            org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit.create("view");
    /** A reply address nobody reads: the fake answers through the future. */
    private static final org.apache.pekko.actor.typed.ActorRef<CatalogReply> REPLY_TO =
            TEST_KIT.<CatalogReply>createTestProbe().getRef();

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    /** A catalog in memory: the same decisions as the entity, without actors. */
    static final class FakeCatalog implements CatalogGateway {
        CatalogState state = CatalogState.EMPTY;
        final AtomicInteger asks = new AtomicInteger();

        @Override
        public CompletableFuture<CatalogReply> ask(
                java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<CatalogReply>, CatalogCommand> command) {
            asks.incrementAndGet();
            CatalogCommand built = command.apply(REPLY_TO);
            CatalogDecision decision = switch (built) {
                case CatalogCommand.CreateDataSource create -> CatalogDecisions.create(state, create.dataSource());
                case CatalogCommand.DropDataSource drop -> CatalogDecisions.drop(state, drop.name(), 0);
                case CatalogCommand.EnsureTokens tokens -> CatalogDecisions.ensureTokens(state, tokens.proposed(), tokens.replace());
                case CatalogCommand.GetCatalog ignored -> new CatalogDecision.Unchanged();
                case CatalogCommand.PutToken put -> CatalogDecisions.putToken(state, put.token());
                case CatalogCommand.DeleteToken delete -> CatalogDecisions.deleteToken(state, delete.name());
                case CatalogCommand.UpdateDataSource update ->
                        CatalogDecisions.updateDataSource(state, update.oldName(), update.dataSource());
                case CatalogCommand.PutJob job -> CatalogDecisions.putJob(state, job.job());
                case CatalogCommand.PutPipe put -> io.starling.coordinator.pipe.PipeDecisions.put(state, put.pipe());
                case CatalogCommand.DropPipe drop -> io.starling.coordinator.pipe.PipeDecisions.drop(state, drop.name());
                case CatalogCommand.PutDeployment put ->
                        io.starling.coordinator.deploy.DeploymentDecisions.put(state, put.deployment());
                case CatalogCommand.PromoteDeployment promote ->
                        io.starling.coordinator.deploy.DeploymentDecisions.promote(state, promote.id(), 0);
            };
            if (decision instanceof CatalogDecision.Reject reject) {
                return CompletableFuture.completedFuture(CatalogReply.newBuilder().setAck(Ack.newBuilder().setOk(false)
                        .setErrorCode(reject.code().code()).setErrorName(reject.code().name())
                        .setErrorMessage(reject.message())).build());
            }
            if (decision instanceof CatalogDecision.Accept accept) {
                state = state.apply(accept.event());
            }
            CatalogReply.Builder reply = CatalogReply.newBuilder().setAck(Ack.newBuilder().setOk(true))
                    .setSnapshot(state.toSnapshot());
            if (built instanceof CatalogCommand.CreateDataSource create) {
                reply.setDataSource(create.dataSource());
            }
            if (built instanceof CatalogCommand.UpdateDataSource update) {
                reply.setDataSource(update.dataSource());
            }
            if (built instanceof CatalogCommand.PutPipe put) {
                reply.setPipe(state.pipes().get(put.pipe().getName()));
            }
            return CompletableFuture.completedFuture(reply.build());
        }
    }

    @Test
    void readsItsOwnWritesWithoutAnotherAsk() {
        FakeCatalog catalog = new FakeCatalog();
        CatalogView view = new CatalogView(catalog);
        view.create(CatalogDecisionsTest.dataSource("events", "t_1")).toCompletableFuture().join();
        int asks = catalog.asks.get();
        assertThat(view.dataSource("events")).isPresent();
        assertThat(view.current().getVersion()).isEqualTo(1);
        assertThat(catalog.asks.get()).isEqualTo(asks);
    }

    @Test
    void failuresBecomeStarlingExceptionsWithTheCatalogsCode() {
        CatalogView view = new CatalogView(new FakeCatalog());
        DataSourceSpec events = CatalogDecisionsTest.dataSource("events", "t_1");
        view.create(events).toCompletableFuture().join();
        assertThatThrownBy(() -> view.create(events.toBuilder().setId("t_2").build()).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(StarlingException.class,
                        failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
    }

    @Test
    void freshLookupAsksTheCatalogWhenTheLocalCopyMissesTheName() {
        FakeCatalog catalog = new FakeCatalog();
        CatalogView writer = new CatalogView(catalog);
        CatalogView reader = new CatalogView(catalog);
        writer.create(CatalogDecisionsTest.dataSource("events", "t_1")).toCompletableFuture().join();
        assertThat(reader.dataSource("events")).isEmpty();
        assertThat(reader.dataSourceFresh("events").toCompletableFuture().join()).isPresent();
        assertThat(reader.dataSourceFresh("missing").toCompletableFuture().join()).isEmpty();
    }

    @Test
    void neverGoesBackToAnOlderSnapshot() {
        CatalogView view = new CatalogView(new FakeCatalog());
        view.offer(CatalogSnapshot.newBuilder().setVersion(5).addDataSources(CatalogDecisionsTest.dataSource("a", "t_a")).build());
        view.offer(CatalogSnapshot.newBuilder().setVersion(4).build());
        assertThat(view.current().getVersion()).isEqualTo(5);
        assertThat(view.dataSource("a")).isPresent();
    }
}
