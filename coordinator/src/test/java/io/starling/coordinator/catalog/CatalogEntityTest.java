package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.starling.protocol.catalog.CatalogCommand;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.CatalogReply;
import io.starling.protocol.catalog.WorkspaceTokens;
import java.time.Clock;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The entity persists what the decisions accept, replies with values, and recovers its state. */
class CatalogEntityTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("catalog",
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));

    private EventSourcedBehaviorTestKit<CatalogCommand, CatalogEvent, CatalogState> catalog;

    @BeforeEach
    void start() {
        catalog = EventSourcedBehaviorTestKit.create(TEST_KIT.system(),
                CatalogEntity.create("default", Clock.systemUTC()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false));
        catalog.clear();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void createDuplicateDropAndRecover() {
        var created = catalog.<CatalogReply>runCommand(replyTo -> new CatalogCommand.CreateDataSource(
                CatalogDecisionsTest.dataSource("events", "t_1"), replyTo));
        assertThat(created.reply().getAck().getOk()).isTrue();
        assertThat(created.reply().getSnapshot().getDataSourcesCount()).isEqualTo(1);
        assertThat(created.events()).hasSize(1);

        var duplicate = catalog.<CatalogReply>runCommand(replyTo -> new CatalogCommand.CreateDataSource(
                CatalogDecisionsTest.dataSource("events", "t_2"), replyTo));
        assertThat(duplicate.reply().getAck().getOk()).isFalse();
        assertThat(duplicate.reply().getAck().getErrorCode()).isEqualTo(57);
        assertThat(duplicate.events()).isEmpty();

        WorkspaceTokens tokens = WorkspaceTokenFactory.derivedFrom("t0k");
        var ensured = catalog.<CatalogReply>runCommand(replyTo -> new CatalogCommand.EnsureTokens(tokens, false, replyTo));
        assertThat(ensured.reply().getSnapshot().getTokens()).isEqualTo(tokens);

        catalog.restart();
        assertThat(catalog.getState().dataSources().keySet()).containsExactly("events");
        assertThat(catalog.getState().tokens()).contains(tokens);
        assertThat(catalog.getState().version()).isEqualTo(2);

        var dropped = catalog.<CatalogReply>runCommand(replyTo -> new CatalogCommand.DropDataSource("events", replyTo));
        assertThat(dropped.reply().getDataSource().getId()).isEqualTo("t_1");
        assertThat(dropped.reply().getSnapshot().getDataSourcesCount()).isZero();
    }
}
