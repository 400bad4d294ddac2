package io.starling.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

public class MergeSchedulerTest {
    /** Hands out tasks of a fixed size; each blocks until the test lets it finish. Records concurrency. */
    private static final class FakeSource implements MergeScheduler.MergeSource {
        final long taskBytes;
        final AtomicInteger remaining;
        final Semaphore finish = new Semaphore(0);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicLong bytesRunning = new AtomicLong();
        final AtomicLong maxBytesRunning = new AtomicLong();
        final AtomicInteger abandoned = new AtomicInteger();
        final CountDownLatch done;

        FakeSource(long taskBytes, int tasks) {
            this.taskBytes = taskBytes;
            this.remaining = new AtomicInteger(tasks);
            this.done = new CountDownLatch(tasks);
        }

        @Override
        public Optional<MergeScheduler.MergeTask> nextMerge(long maxBytes, boolean insertsFlowing) {
            if (taskBytes > maxBytes || remaining.getAndDecrement() <= 0) {
                remaining.updateAndGet(value -> Math.max(value, 0));
                return Optional.empty();
            }
            return Optional.of(new MergeScheduler.MergeTask() {
                @Override
                public long bytes() {
                    return taskBytes;
                }

                @Override
                public void run() {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    maxBytesRunning.accumulateAndGet(bytesRunning.addAndGet(taskBytes), Math::max);
                    try {
                        finish.acquireUninterruptibly();
                    } finally {
                        bytesRunning.addAndGet(-taskBytes);
                        running.decrementAndGet();
                        done.countDown();
                    }
                }

                @Override
                public void abandon() {
                    abandoned.incrementAndGet();
                    remaining.incrementAndGet();
                }
            });
        }
    }

    @Test
    void runsAtMostTheConfiguredNumberOfMergesAtOnce() throws Exception {
        FakeSource source = new FakeSource(1, 10);
        try (MergeScheduler scheduler = new MergeScheduler("test", 3, 1_000, Duration.ofMillis(5))) {
            scheduler.register(source);
            waitUntil(() -> source.running.get() == 3);
            source.finish.release(10);
            assertThat(source.done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(source.maxRunning.get()).isEqualTo(3);
    }

    @Test
    void neverMergesMoreBytesAtOnceThanItsBudget() throws Exception {
        FakeSource source = new FakeSource(40, 6);
        try (MergeScheduler scheduler = new MergeScheduler("test", 4, 100, Duration.ofMillis(5))) {
            scheduler.register(source);
            waitUntil(() -> source.running.get() == 2);
            source.finish.release(6);
            assertThat(source.done.await(10, TimeUnit.SECONDS)).isTrue();
            scheduler.close();
            assertThat(scheduler.mergesRun()).isEqualTo(6);
        }
        assertThat(source.maxBytesRunning.get()).isLessThanOrEqualTo(100);
        assertThat(source.maxRunning.get()).isEqualTo(2);
    }

    /**
     * With a worker nice value the merge workers run at that Linux priority (so merges yield the cores to inserts
     * and queries), and only they: the thread that built the scheduler keeps its own. Needs procfs and renice.
     */
    @Test
    void workersRunAtTheirNiceValueAndOnlyThey() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/thread-self/stat")),
                "Linux procfs");
        int ownNice = ThreadNice.currentNice();
        Assumptions.assumeTrue(ownNice < 7, "this thread already runs at nice " + ownNice);
        java.util.Queue<Integer> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
        MergeScheduler.MergeSource probe = (maxBytes, insertsFlowing) -> {
            try {
                seen.add(ThreadNice.currentNice());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Optional.empty();
        };
        try (MergeScheduler scheduler = new MergeScheduler("test", 2, 100, Duration.ofMillis(5), System::nanoTime, 7)) {
            scheduler.register(probe);
            waitUntil(() -> seen.size() >= 4);
        }
        java.util.concurrent.atomic.AtomicBoolean lowered = new java.util.concurrent.atomic.AtomicBoolean();
        Thread other = Thread.ofPlatform().start(() -> lowered.set(ThreadNice.lowerCurrentThread(3)));
        other.join();
        Assumptions.assumeTrue(lowered.get(), "renice on the path");
        assertThat(seen).containsOnly(7);
        assertThat(ThreadNice.currentNice()).isEqualTo(ownNice);
    }

    @Test
    void insertsFlowForAWindowAfterEachInsertAndSourcesAreToldSo() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        java.util.Queue<Boolean> told = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (MergeScheduler scheduler = new MergeScheduler("test", 1, 100, Duration.ofMillis(5), clock::get)) {
            assertThat(scheduler.insertsFlowing()).isFalse();
            scheduler.insertHappened();
            assertThat(scheduler.insertsFlowing()).isTrue();
            scheduler.register((maxBytes, flowing) -> {
                told.add(flowing);
                return Optional.empty();
            });
            waitUntil(() -> told.contains(true));
            clock.addAndGet(MergeScheduler.FLOWING_WINDOW.toNanos() - 1);
            assertThat(scheduler.insertsFlowing()).isTrue();
            clock.addAndGet(1);
            assertThat(scheduler.insertsFlowing()).isFalse();
            told.clear();
            scheduler.wakeUp();
            waitUntil(() -> told.contains(false));
            scheduler.insertHappened();
            assertThat(scheduler.insertsFlowing()).isTrue();
        }
    }

    public static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not reached within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
