package io.starling.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.testing.Fixtures;
import io.starling.sql.testing.InMemoryTable;
import io.starling.sql.testing.Tsv;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryEngineTest {
    private final QueryEngine engine = new QueryEngine();

    private static ErrorCode codeOf(Runnable query) {
        try {
            query.run();
        } catch (StarlingException e) {
            return e.errorCode();
        }
        throw new AssertionError("Expected the query to fail");
    }

    @Test
    void unknownTableNamesTheTable() {
        assertThatThrownBy(() -> engine.execute("SELECT * FROM missing_table", QueryContext.of(Fixtures.provider())))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("missing_table")
                .satisfies(error -> assertThat(((StarlingException) error).errorCode().code()).isEqualTo(60));
    }

    @Test
    void unknownColumnNamesItAndListsAvailableColumns() {
        assertThatThrownBy(() -> engine.execute("SELECT user_idd FROM events", QueryContext.of(Fixtures.provider())))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("user_idd")
                .hasMessageContaining("timestamp, user_id, action")
                .satisfies(error -> assertThat(((StarlingException) error).errorCode().code()).isEqualTo(47));
    }

    @Test
    void unknownFunctionSuggestsCloseNames() {
        assertThatThrownBy(() -> engine.execute("SELECT toStartOfHours(now())", QueryContext.of(Fixtures.provider())))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("toStartOfHours")
                .hasMessageContaining("toStartOfHour")
                .satisfies(error -> assertThat(((StarlingException) error).errorCode().code()).isEqualTo(46));
    }

    @Test
    void bareColumnOutsideGroupByIsNotAnAggregate() {
        assertThat(codeOf(() -> engine.execute("SELECT user_id, count() FROM events GROUP BY action",
                QueryContext.of(Fixtures.provider())))).isEqualTo(ErrorCode.NOT_AN_AGGREGATE);
    }

    @Test
    void passedDeadlineFailsWithTimeoutExceeded() {
        QueryContext context = new QueryContext(Fixtures.provider(), Instant.now().minusSeconds(1), Map.of());
        assertThatThrownBy(() -> engine.execute("SELECT count() FROM numbers(1000000)", context))
                .isInstanceOf(StarlingException.class)
                .satisfies(error -> assertThat(((StarlingException) error).errorCode().code()).isEqualTo(159));
    }

    @Test
    void longRunningQueryStopsAtTheDeadline() {
        QueryContext context = new QueryContext(Fixtures.provider(), Instant.now().plusMillis(200), Map.of());
        assertThatThrownBy(() -> engine.execute("SELECT count() FROM numbers(100000000000)", context))
                .isInstanceOf(StarlingException.class)
                .satisfies(error -> assertThat(((StarlingException) error).errorCode()).isEqualTo(ErrorCode.TIMEOUT_EXCEEDED));
    }

    @Test
    void scanReadsOnlyTheColumnsTheQueryUses() {
        QueryContext context = QueryContext.of(Fixtures.provider());
        QueryResult narrow = engine.execute("SELECT sum(tenant_id) FROM events", context);
        QueryResult wide = engine.execute("SELECT sum(tenant_id), max(user_id) FROM events", context);
        assertThat(narrow.rowsRead()).isEqualTo(300);
        assertThat(narrow.bytesRead()).isEqualTo(300L * Long.BYTES);
        assertThat(wide.rowsRead()).isEqualTo(300);
        assertThat(wide.bytesRead()).isGreaterThan(narrow.bytesRead());
    }

    @Test
    void resultCarriesFormatAndRowsBeforeLimit() {
        QueryResult result = engine.execute("SELECT number FROM numbers(50) ORDER BY number DESC LIMIT 3 FORMAT CSV",
                QueryContext.of(Fixtures.provider()));
        assertThat(result.format()).isEqualTo("CSV");
        assertThat(result.rowsBeforeLimit()).isEqualTo(50);
        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(result.columns()).extracting(column -> column.name()).containsExactly("number");
        assertThat(Tsv.format(result)).isEqualTo("49\n48\n47\n");
    }

    @Test
    void scansAreClosedAfterTheQuery() {
        InMemoryTable events = Fixtures.events();
        QueryContext context = QueryContext.of((database, name) -> name.equals("events") ? Optional.of(events) : Optional.empty());
        engine.execute("SELECT user_id FROM events LIMIT 1", context);
        engine.execute("SELECT count() FROM events WHERE user_id IN (SELECT user_id FROM events LIMIT 2)", context);
        assertThat(events.openStreams()).isZero();
    }

    @Test
    void settingShortensTheDeadline() {
        assertThat(codeOf(() -> engine.execute("SELECT count() FROM numbers(100000000000) SETTINGS max_execution_time = 0.1",
                QueryContext.of(Fixtures.provider())))).isEqualTo(ErrorCode.TIMEOUT_EXCEEDED);
    }
}
