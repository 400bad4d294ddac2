package io.starling.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.Values;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Per-query memory accounting: each operator that holds state proportional to its input fails the query with
 * MEMORY_LIMIT_EXCEEDED (241) above {@code max_memory_usage}, and the same query passes under a large limit.
 */
class QueryMemoryTest {
    private static final String SMALL = " SETTINGS max_memory_usage = 1000000";
    private static final String LARGE = " SETTINGS max_memory_usage = 300000000";

    private final QueryEngine engine = new QueryEngine();

    private QueryResult run(String sql) {
        return engine.execute(sql, QueryContext.of((database, name) -> Optional.empty()));
    }

    private Object single(String sql) {
        QueryResult result = run(sql);
        return Values.get(result.blocks().get(0).column(0), 0);
    }

    private static void assertMemoryLimit(Runnable query, String operator) {
        assertThatThrownBy(query::run)
                .isInstanceOfSatisfying(StarlingException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MEMORY_LIMIT_EXCEEDED);
                    assertThat(e.errorCode().code()).isEqualTo(241);
                    assertThat(e.getMessage())
                            .startsWith("Memory limit (for query) exceeded: would use ")
                            .contains("(attempt to allocate chunk of ")
                            .contains("maximum: 976.56 KiB")
                            .contains("While executing " + operator)
                            .contains("max_memory_usage");
                });
    }

    @Test
    void groupByOverTenMillionNumbersFailsUnderASmallLimitAndPassesUnderALargeOne() {
        String query = "SELECT count() FROM (SELECT number % 200000 AS k, count() FROM numbers(10000000) GROUP BY k)";
        assertMemoryLimit(() -> run(query + SMALL), "HashAggregate");
        assertThat(single(query + LARGE)).isEqualTo(200000L);
    }

    @Test
    void aggregateStatesThatGrowWithTheirInputAreCounted() {
        // one group, so only the states can exceed the limit: a set of a million values, a list of them
        assertMemoryLimit(() -> run("SELECT uniqExact(number) FROM numbers(1000000)" + SMALL), "HashAggregate");
        assertMemoryLimit(() -> run("SELECT length(groupArray(number)) FROM numbers(1000000)" + SMALL), "HashAggregate");
        assertMemoryLimit(() -> run("SELECT uniqExactIf(number, number % 2 = 0) FROM numbers(1000000)" + SMALL),
                "HashAggregate");
        assertMemoryLimit(() -> run("SELECT count(DISTINCT number) FROM numbers(1000000)" + SMALL), "HashAggregate");
        // fixed-size states stay small however many rows they see
        assertThat(single("SELECT sum(number) FROM numbers(1000000)" + SMALL)).isEqualTo(499999500000L);
        assertThat(single("SELECT uniqExact(number % 10) FROM numbers(1000000)" + SMALL)).isEqualTo(10L);
        assertThat(single("SELECT uniqExact(number) FROM numbers(1000000)" + LARGE)).isEqualTo(1000000L);
    }

    @Test
    void sortBuffersAreCounted() {
        String query = "SELECT max(x) FROM (SELECT number AS x FROM numbers(1000000) ORDER BY x DESC)";
        assertMemoryLimit(() -> run(query + SMALL), "Sort");
        assertThat(single(query + LARGE)).isEqualTo(999999L);
    }

    @Test
    void theBuildSideOfAJoinIsCounted() {
        String query = "SELECT count() FROM numbers(10) AS a INNER JOIN (SELECT number FROM numbers(1000000)) AS b "
                + "ON a.number = b.number";
        assertMemoryLimit(() -> run(query + SMALL), "HashJoin (build side)");
        assertThat(single(query + LARGE)).isEqualTo(10L);
    }

    @Test
    void distinctAndResultMaterialisationAreCounted() {
        assertMemoryLimit(() -> run("SELECT count() FROM (SELECT DISTINCT number FROM numbers(1000000))" + SMALL),
                "Distinct");
        assertMemoryLimit(() -> run("SELECT number FROM numbers(1000000)" + SMALL), "result materialisation");
        assertThat(run("SELECT number FROM numbers(1000000)" + LARGE).blocks().stream()
                .mapToInt(block -> block.rowCount()).sum()).isEqualTo(1000000);
    }

    @Test
    void windowAndSetOperationBuffersAreCounted() {
        assertMemoryLimit(() -> run("SELECT count() FROM (SELECT number, row_number() OVER (ORDER BY number) "
                + "FROM numbers(1000000))" + SMALL), "Window");
        assertMemoryLimit(() -> run("SELECT count() FROM (SELECT number FROM numbers(10) EXCEPT DISTINCT "
                + "SELECT number FROM numbers(1000000))" + SMALL), "SetOperation");
    }

    @Test
    void zeroMeansUnlimitedAndSizesTakeSuffixes() {
        assertThat(single("SELECT uniqExact(number) FROM numbers(300000) SETTINGS max_memory_usage = 0"))
                .isEqualTo(300000L);
        assertThatThrownBy(() -> run("SELECT uniqExact(number) FROM numbers(1000000) SETTINGS max_memory_usage = '1MiB'"))
                .isInstanceOfSatisfying(StarlingException.class, e -> assertThat(e.getMessage()).contains("maximum: 1.00 MiB"));
        assertThat(QueryMemory.parseSize("10G")).isEqualTo(10_000_000_000L);
        assertThat(QueryMemory.parseSize("8GiB")).isEqualTo(8L << 30);
        assertThat(QueryMemory.parseSize("512 MiB")).isEqualTo(512L << 20);
        assertThat(QueryMemory.parseSize("123")).isEqualTo(123L);
        assertThat(QueryMemory.parseSize("50%")).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
        assertThatThrownBy(() -> run("SELECT 1 SETTINGS max_memory_usage = 'lots'"))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENTS));
    }

    @Test
    void readableSizesUseClickHouseBinarySuffixes() {
        assertThat(QueryMemory.readable(512)).isEqualTo("512.00 B");
        assertThat(QueryMemory.readable(1536)).isEqualTo("1.50 KiB");
        assertThat(QueryMemory.readable(10L << 30)).isEqualTo("10.00 GiB");
    }

    @Test
    void reservationsMoveTheQueryTotalAndGiveEverythingBackOnClose() {
        QueryMemory memory = new QueryMemory(1000);
        QueryMemory.Reservation first = memory.reservation("A");
        QueryMemory.Reservation second = memory.reservation("B");
        first.resizeTo(600);
        second.grow(300);
        assertThat(memory.used()).isEqualTo(900);
        assertThatThrownBy(() -> second.grow(200))
                .isInstanceOfSatisfying(StarlingException.class, e -> assertThat(e.getMessage())
                        .startsWith("Memory limit (for query) exceeded: would use 1.07 KiB (attempt to allocate chunk "
                                + "of 200 bytes), maximum: 1000.00 B: While executing B"));
        assertThat(memory.used()).as("a refused reservation takes nothing").isEqualTo(900);
        first.resizeTo(100);
        second.grow(200);
        assertThat(memory.used()).isEqualTo(600);
        assertThat(memory.peak()).isEqualTo(900);
        first.close();
        second.close();
        assertThat(memory.used()).isZero();
    }

    @Test
    void anOutOfMemoryErrorFailsTheQueryWith241AndTheEngineKeepsServing() {
        TableSource exhausting = new TableSource() {
            @Override
            public String name() {
                return "huge";
            }

            @Override
            public List<ColumnDefinition> columns() {
                return List.of(new ColumnDefinition("x", DataTypes.parse("UInt64")));
            }

            @Override
            public BlockStream scan(List<String> columns, ScanStatistics statistics) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        QueryContext context = new QueryContext((database, name) -> Optional.of(exhausting),
                Instant.now().plusSeconds(10), Map.of());
        assertThatThrownBy(() -> engine.execute("SELECT sum(x) FROM huge", context))
                .isInstanceOfSatisfying(StarlingException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.MEMORY_LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("Memory limit (total) exceeded");
                });
        assertThat(single("SELECT count() FROM numbers(1000)")).isEqualTo(1000L);
    }
}
