package io.starling.sql.exec.scan;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs several copies of an operator chain (each over its own {@link GranuleScanOperator} of one shared
 * {@link ScanTask}) on worker threads and returns their blocks as they come, in no particular order. Used below
 * order-insensitive consumers (aggregation, sort). Worker failures surface in {@link #next()}; close stops the
 * workers, waits for them and releases the scan.
 */
public final class ParallelOperator extends Operator {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "starling-query-worker");
        thread.setDaemon(true);
        return thread;
    });
    private static final Object END = new Object();

    private final ScanTask task;
    private final IntFunction<Operator> chains;
    private final int workers;
    private final BlockingQueue<Object> queue;
    private final List<Future<?>> futures = new ArrayList<>();
    private volatile boolean stopped;
    private int finished;
    private boolean started;
    private boolean closed;

    /** {@code chains.apply(i)} builds worker {@code i}'s operator chain (it must not own the task). */
    public ParallelOperator(ExecutionContext context, ScanTask task, int workers, IntFunction<Operator> chains) {
        super(context);
        this.task = task;
        this.workers = workers;
        this.chains = chains;
        this.queue = new ArrayBlockingQueue<>(workers * 4);
    }

    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    protected Block produce() {
        if (!started) {
            started = true;
            for (int i = 0; i < workers; i++) {
                int index = i;
                futures.add(WORKERS.submit(() -> work(index)));
            }
        }
        while (finished < workers) {
            Object item;
            try {
                item = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for scan workers", e);
            }
            if (item == null) {
                context().check();
                continue;
            }
            if (item == END) {
                finished++;
            } else if (item instanceof RuntimeException failure) {
                finished++;
                throw failure;
            } else if (item instanceof Error error) {
                finished++;
                throw error;
            } else {
                return (Block) item;
            }
        }
        return null;
    }

    private void work(int index) {
        Object last = END;
        try (Operator chain = chains.apply(index)) {
            Block block;
            while (!stopped && (block = chain.next()) != null) {
                put(block);
            }
        } catch (RuntimeException | Error e) {
            last = e;
        }
        put(last);
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        task.stop();
        for (Future<?> future : futures) {
            while (!future.isDone()) {
                queue.clear();
                try {
                    future.get(10, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // the worker's failure was reported through the queue, or the query is ending anyway
                }
            }
        }
        queue.clear();
        task.close();
    }
}
