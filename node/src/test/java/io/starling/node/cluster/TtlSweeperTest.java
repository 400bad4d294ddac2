package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.shard.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TtlSweeperTest {
    private static final TableSpec WITH_TTL = TableSpec.newBuilder().setTableId("t_ttl")
            .setTtl("ts + toIntervalDay(1)").putSettings("merge_with_ttl_timeout", "60").build();
    private static final TableSpec WITHOUT_TTL = TableSpec.newBuilder().setTableId("t_plain").build();

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final List<String> sweeps = new ArrayList<>();
    private final List<CompletableFuture<Long>> pending = new ArrayList<>();

    private TtlSweeper sweeper() {
        return new TtlSweeper((table, condition) -> {
            sweeps.add(table.getTableId() + ": " + condition);
            CompletableFuture<Long> done = new CompletableFuture<>();
            pending.add(done);
            return done;
        }, clock::get);
    }

    @Test
    void theLeaderSweepsATableWithATtlOncePerIntervalWithTheCutoffFixedAtTheStart() {
        TtlSweeper sweeper = sweeper();
        sweeper.round(List.of(WITH_TTL, WITHOUT_TTL), true);
        assertThat(sweeps).as("the first sweep waits one interval").isEmpty();

        clock.addAndGet(60_000);
        sweeper.round(List.of(WITH_TTL, WITHOUT_TTL), true);
        assertThat(sweeps).containsExactly("t_ttl: (ts + toIntervalDay(1)) <= toDateTime(1000000060)");

        clock.addAndGet(120_000);
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).as("one sweep of a table at a time").hasSize(1);
        pending.get(0).complete(3L);
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).hasSize(2).last().asString().endsWith("toDateTime(1000000180)");

        pending.get(1).completeExceptionally(new IllegalStateException("a shard was unreachable"));
        clock.addAndGet(30_000);
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).as("a failed sweep is tried again after the interval, not at once").hasSize(2);
        clock.addAndGet(30_000);
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).hasSize(3);
    }

    @Test
    void otherNodesDoNotSweepAndANewLeaderWaitsAnIntervalFirst() {
        TtlSweeper sweeper = sweeper();
        sweeper.round(List.of(WITH_TTL), false);
        clock.addAndGet(3_600_000);
        sweeper.round(List.of(WITH_TTL), false);
        assertThat(sweeps).isEmpty();
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).isEmpty();
        clock.addAndGet(60_000);
        sweeper.round(List.of(WITH_TTL), true);
        assertThat(sweeps).hasSize(1);
    }

    @Test
    void theIntervalIsTheTablesMergeWithTtlTimeout() {
        assertThat(TtlSweeper.intervalMillis(WITHOUT_TTL)).isEqualTo(14_400_000L);
        assertThat(TtlSweeper.intervalMillis(WITH_TTL)).isEqualTo(60_000L);
        assertThat(TtlSweeper.intervalMillis(WITHOUT_TTL.toBuilder().putSettings("merge_with_ttl_timeout", "x")
                .build())).isEqualTo(14_400_000L);
    }
}
