package io.starling.storage.merge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs background merges for the tables registered with it, bounded: at most {@code maxConcurrentMerges} at once
 * (one worker thread each) and at most {@code maxBytesInFlight} bytes of source parts being merged at once (a
 * source is only asked for merges that fit what is left). Workers poll the sources round-robin, and sleep
 * {@code idleWait} (or until {@link #wakeUp}) when none has work. A failing merge is logged and the worker goes
 * on. Sources are told whether inserts are flowing (one within the last {@link #FLOWING_WINDOW}, reported through
 * {@link #insertHappened}), so they can hold back big merges while the node is busy ingesting. Thread-safe;
 * {@link #close} stops the workers after their current merge.
 */
public final class MergeScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MergeScheduler.class.getName());

    /** A table (or anything) that can hand out merges. Called from worker threads, without scheduler locks held. */
    @FunctionalInterface
    public interface MergeSource {
        /**
         * A reserved merge whose sources total at most {@code maxBytes}, or empty when there is nothing to do;
         * {@code insertsFlowing} when the node inserted within the last {@link #FLOWING_WINDOW}.
         */
        Optional<MergeTask> nextMerge(long maxBytes, boolean insertsFlowing);
    }

    /** A merge whose parts are reserved: either {@link #run()} or {@link #abandon()} it, exactly once. */
    public interface MergeTask {
        /** Bytes of source parts (what the merge holds against the byte budget). */
        long bytes();

        /** Merges, then releases the reservation. */
        void run();

        /** Releases the reservation without merging. */
        void abandon();
    }

    /**
     * How long after an insert the node counts as busy ingesting. Long enough to span the pauses of a client
     * between loads (a count query, reading the next file): with 10 s, the big merges of a bulk append started in
     * such a pause and took both cores from the next load (10M-row CSV then NDJSON load: merge CPU inside the
     * NDJSON load 12-13 s at 10 s, 6-7 s at 30 s).
     */
    public static final Duration FLOWING_WINDOW = Duration.ofSeconds(30);

    private final int maxConcurrentMerges;
    private final int workerNice;
    private final LongSupplier nanoClock;
    /** When the last insert happened, by {@link #nanoClock}; valid once {@link #inserted}. */
    private volatile long lastInsertNanos;
    private volatile boolean inserted;
    private final long maxBytesInFlight;
    private final long idleWaitMillis;
    private final List<MergeSource> sources = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong mergesRun = new AtomicLong();
    /** Guarded by this. */
    private long bytesInFlight;
    /** Guarded by this. */
    private int running;
    /** Guarded by this. */
    private int nextSource;
    /** Guarded by this. */
    private long wakeUps;
    private volatile boolean closed;

    public MergeScheduler(String name, int maxConcurrentMerges, long maxBytesInFlight, Duration idleWait) {
        this(name, maxConcurrentMerges, maxBytesInFlight, idleWait, System::nanoTime);
    }

    /** With the clock that times {@link #FLOWING_WINDOW} (tests). */
    public MergeScheduler(String name, int maxConcurrentMerges, long maxBytesInFlight, Duration idleWait,
                          LongSupplier nanoClock) {
        this(name, maxConcurrentMerges, maxBytesInFlight, idleWait, nanoClock, 0);
    }

    /**
     * With the workers' Linux nice value ({@link ThreadNice}; 0 keeps the node's priority): from 1 on, merges
     * yield the cores to inserts and queries and run in the time they leave idle.
     */
    public MergeScheduler(String name, int maxConcurrentMerges, long maxBytesInFlight, Duration idleWait,
                          LongSupplier nanoClock, int workerNice) {
        this.nanoClock = nanoClock;
        this.workerNice = workerNice;
        if (maxConcurrentMerges < 1 || maxBytesInFlight < 1) {
            throw new IllegalArgumentException("A merge scheduler needs at least one thread and one byte of budget");
        }
        this.maxConcurrentMerges = maxConcurrentMerges;
        this.maxBytesInFlight = maxBytesInFlight;
        this.idleWaitMillis = Math.max(1, idleWait.toMillis());
        for (int i = 0; i < maxConcurrentMerges; i++) {
            Thread worker = Thread.ofPlatform().daemon().name(name + "-merge-" + i).unstarted(this::work);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    public synchronized void register(MergeSource source) {
        sources.add(source);
        notifyAll();
    }

    public synchronized void unregister(MergeSource source) {
        sources.remove(source);
    }

    /** Tells idle workers to look for work now (e.g. after an insert). */
    public synchronized void wakeUp() {
        wakeUps++;
        notifyAll();
    }

    /** Reports an insert (inserts flow for {@link #FLOWING_WINDOW} after it) and wakes idle workers. */
    public void insertHappened() {
        lastInsertNanos = nanoClock.getAsLong();
        inserted = true;
        wakeUp();
    }

    /** True within {@link #FLOWING_WINDOW} of the last {@link #insertHappened}. */
    public boolean insertsFlowing() {
        return inserted && nanoClock.getAsLong() - lastInsertNanos < FLOWING_WINDOW.toNanos();
    }

    /** Merges run so far (for tests and metrics). */
    public long mergesRun() {
        return mergesRun.get();
    }

    public int maxConcurrentMerges() {
        return maxConcurrentMerges;
    }

    public long maxBytesInFlight() {
        return maxBytesInFlight;
    }

    private void work() {
        if (workerNice > 0 && !ThreadNice.lowerCurrentThread(workerNice)) {
            LOG.log(System.Logger.Level.DEBUG, "Merge worker [" + Thread.currentThread().getName()
                    + "] keeps its priority: its nice value could not be set");
        }
        while (!closed) {
            MergeSource[] candidates;
            long budget;
            long seenWakeUps;
            int start;
            synchronized (this) {
                candidates = sources.toArray(new MergeSource[0]);
                budget = maxBytesInFlight - bytesInFlight;
                seenWakeUps = wakeUps;
                start = nextSource++;
            }
            boolean worked = false;
            boolean flowing = insertsFlowing();
            for (int i = 0; i < candidates.length && !closed && budget > 0; i++) {
                MergeSource source = candidates[Math.floorMod(start + i, candidates.length)];
                Optional<MergeTask> task = ask(source, budget, flowing);
                if (task.isPresent()) {
                    worked = true;
                    runWithinBudget(task.get());
                    break;
                }
            }
            if (!worked) {
                idle(seenWakeUps);
            }
        }
    }

    private Optional<MergeTask> ask(MergeSource source, long budget, boolean flowing) {
        try {
            return source.nextMerge(budget, flowing);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Choosing a merge failed; trying again later: " + e, e);
            return Optional.empty();
        }
    }

    private void runWithinBudget(MergeTask task) {
        long bytes = Math.min(task.bytes(), maxBytesInFlight);
        synchronized (this) {
            if (closed || bytesInFlight + bytes > maxBytesInFlight) {
                task.abandon();
                return;
            }
            bytesInFlight += bytes;
            running++;
        }
        try {
            task.run();
            mergesRun.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Background merge failed; its parts stay as they are: " + e, e);
        } finally {
            synchronized (this) {
                bytesInFlight -= bytes;
                running--;
                notifyAll();
            }
        }
    }

    private synchronized void idle(long seenWakeUps) {
        if (closed || wakeUps != seenWakeUps) {
            return;
        }
        try {
            wait(idleWaitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the workers and waits for their current merges to finish. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
