package io.starling.storage.part;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the independent pieces of one insert (sorting columns, encoding granules) on all cores. The calling thread
 * works too and claims whatever no pool thread has started, so a busy pool only costs parallelism, never a wait
 * for queued work. The pool's daemon threads (one per core) are shared by every table. Thread-safe.
 */
public final class ParallelTasks {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS,
            Thread.ofPlatform().name("starling-part-work-", 0).daemon(true).factory());

    private ParallelTasks() {
    }

    /** Runs {@code task} for 0 to {@code count - 1}, at once where cores allow; rethrows the first failure. */
    public static void run(int count, IntConsumer task) {
        if (count <= 1 || THREADS == 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(count);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        task.accept(i);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        };
        for (int helper = Math.min(THREADS, count) - 1; helper > 0; helper--) {
            try {
                POOL.execute(worker);
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable error = failure.get();
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }
}
