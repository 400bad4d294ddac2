package io.starling.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.StarlingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardQueryTest {
    private static final List<String> LIVE = List.of("timestamp", "session_id", "action");

    @Test
    void exceptWithAStringLiteralDropsTheColumnFromTheStar() {
        assertThat(ForwardQuery.expand("select * except 'session_id', toUUID(session_id) as session_id", LIVE))
                .isEqualTo("`timestamp`, `action`, toUUID(session_id) as session_id");
    }

    @Test
    void replaceKeepsTheColumnOrder() {
        assertThat(ForwardQuery.expand("SELECT * REPLACE (toInt64(action) AS action)", LIVE))
                .isEqualTo("`timestamp`, `session_id`, (toInt64(action)) AS `action`");
    }

    @Test
    void anExplicitAliasWinsOverTheStarAndATrailingFromIsIgnored() {
        assertThat(ForwardQuery.expand("SELECT *, toInt64(action) as action FROM previous_datasource", LIVE))
                .isEqualTo("`timestamp`, `session_id`, toInt64(action) as action");
    }

    @Test
    void explicitListsPassThroughAndParenthesisedExceptListsWork() {
        assertThat(ForwardQuery.expand("SELECT timestamp, CAST(session_id, 'UUID') as session_id, action", LIVE))
                .isEqualTo("timestamp, CAST(session_id, 'UUID') as session_id, action");
        assertThat(ForwardQuery.expand("* EXCEPT (timestamp, 'action')", LIVE)).isEqualTo("`session_id`");
    }

    @Test
    void whereAndUnknownReplacementsAreRefused() {
        assertThatThrownBy(() -> ForwardQuery.expand("SELECT a FROM t WHERE a > 1", LIVE))
                .isInstanceOf(StarlingException.class).hasMessageContaining("FROM and WHERE are not supported");
        assertThatThrownBy(() -> ForwardQuery.expand("SELECT * REPLACE (1 AS nope)", LIVE))
                .hasMessageContaining("'nope'");
    }
}
