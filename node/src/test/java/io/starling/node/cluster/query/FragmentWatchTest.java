package io.starling.node.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FragmentWatchTest {
    private static final Duration AFTER = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofMillis(50);

    @Test
    void aFragmentWhoseNodeMissesTheProbeFailsRetryablyAndItsNodeIsAskedLast() {
        FragmentWatch watch = new FragmentWatch(node -> new CompletableFuture<>(), AFTER, TIMEOUT,
                Duration.ofMinutes(1));
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<String> discarded = new CopyOnWriteArrayList<>();

        CompletableFuture<String> watched = watch.watch("dead:1", answer, discarded::add);

        assertThatThrownBy(() -> watched.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(StarlingException.class)
                .hasMessageContaining("dead:1").hasMessageContaining("did not answer a probe")
                .satisfies(e -> assertThat(((StarlingException) e).errorCode())
                        .isEqualTo(ErrorCode.ALL_CONNECTION_TRIES_FAILED));
        assertThat(watch.isSilent("dead:1")).isTrue();
        assertThat(watch.silentLast(List.of(slot("dead:1", 0), slot("b:2", 1), slot("c:3", 2))))
                .extracting(ReplicaSlot::getNode).containsExactly("b:2", "c:3", "dead:1");

        answer.complete("late");   // the replica answers after all: its result is let go
        assertThat(discarded).containsExactly("late");
    }

    @Test
    void aSlowFragmentOnANodeThatAnswersTheProbeIsWaitedFor() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        FragmentWatch watch = new FragmentWatch(node -> {
            probes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, AFTER, TIMEOUT, Duration.ofMinutes(1));
        CompletableFuture<String> answer = new CompletableFuture<>();

        CompletableFuture<String> watched = watch.watch("busy:1", answer, late -> { });
        while (probes.get() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(TIMEOUT.toMillis() * 2);   // past the probe's timeout: it answered, so nothing fails
        assertThat(watched).isNotDone();

        answer.complete("rows");
        assertThat(watched.get(10, TimeUnit.SECONDS)).isEqualTo("rows");
        assertThat(watch.isSilent("busy:1")).isFalse();
    }

    @Test
    void aFragmentAnsweringBeforeTheProbeIsDueSendsNoProbeAndPassesFailuresThrough() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        FragmentWatch watch = new FragmentWatch(node -> {
            probes.incrementAndGet();
            return new CompletableFuture<>();
        }, Duration.ofMillis(200), TIMEOUT, Duration.ofMinutes(1));

        assertThat(watch.watch("a:1", CompletableFuture.completedFuture("fast"), late -> { })
                .get(10, TimeUnit.SECONDS)).isEqualTo("fast");
        StarlingException failure = new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "deadline");
        assertThatThrownBy(() -> watch.watch("a:1", CompletableFuture.<String>failedFuture(failure), late -> { })
                .get(10, TimeUnit.SECONDS)).cause().isSameAs(failure);
        Thread.sleep(400);
        assertThat(probes.get()).isZero();
        assertThat(watch.isSilent("a:1")).isFalse();
    }

    @Test
    void aSilentNodeIsAskedInItsTurnAgainOnceItsSilenceIsOver() throws Exception {
        FragmentWatch watch = new FragmentWatch(node -> new CompletableFuture<>(), AFTER, TIMEOUT,
                Duration.ofMillis(100));
        CompletableFuture<String> watched = watch.watch("dead:1", new CompletableFuture<>(), late -> { });
        assertThatThrownBy(() -> watched.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        Thread.sleep(150);
        assertThat(watch.silentLast(List.of(slot("dead:1", 0), slot("b:2", 1))))
                .extracting(ReplicaSlot::getNode).containsExactly("dead:1", "b:2");
    }

    private static ReplicaSlot slot(String node, int index) {
        return ReplicaSlot.newBuilder().setNode(node).setIndex(index).build();
    }
}
