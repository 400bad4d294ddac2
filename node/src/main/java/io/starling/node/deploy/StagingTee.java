package io.starling.node.deploy;

import io.starling.node.ingest.InsertHook;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ingest hook that tees rows appended to a live table into its staging table while a deployment migrates it
 * (spec lifecycle §2.4), wrapped around the node's other hook (materialized views).
 *
 * <p>Exactly-once at the cut-over: each live table has an {@link InsertGate}; an append enters it before its rows
 * are written ({@link #keepsRows}) and leaves after ({@link #afterInsert}). {@link #attach} closes the gate, waits
 * for the appends in flight, runs {@code atCutOver} (the backfill takes its snapshot of the live parts there) and
 * registers the forward, then reopens: every block is either in the snapshot or teed, never both. The forward stays
 * until {@link #detach} (after promotion, writers holding the old catalog entry keep reaching the new table through
 * it until the old table is dropped).
 */
public final class StagingTee implements InsertHook {
    /** What receives a live block; it must not throw (a failure is the deployment's, never the append's). */
    public interface Forward extends Consumer<Block> {
    }

    private final InsertHook delegate;
    private final Map<String, InsertGate> gates = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<Forward>> forwards = new ConcurrentHashMap<>();
    private final ThreadLocal<Deque<InsertGate>> entered = ThreadLocal.withInitial(ArrayDeque::new);
    private final java.util.Set<String> stagedOnly = ConcurrentHashMap.newKeySet();

    public StagingTee(InsertHook delegate) {
        this.delegate = delegate == null ? InsertHook.NONE : delegate;
    }

    @Override
    public boolean keepsRows(DataSourceSpec dataSource) {
        Deque<InsertGate> held = entered.get();
        while (!held.isEmpty()) {
            held.pop().exit();   // left by an append on this thread that failed between keepsRows and afterInsert
        }
        InsertGate gate = gates.computeIfAbsent(dataSource.getId(), ignored -> new InsertGate());
        gate.enter();
        held.push(gate);
        return delegate.keepsRows(dataSource);
    }

    /** The live materialized views' rows (none for rows written straight to a staging table). */
    @Override
    public java.util.List<io.starling.node.ingest.DerivedRows> derive(DataSourceSpec dataSource, Block block) {
        return stagedOnly.contains(dataSource.getId()) ? java.util.List.of() : delegate.derive(dataSource, block);
    }

    @Override
    public void afterInsert(DataSourceSpec dataSource, Block block) {
        Deque<InsertGate> held = entered.get();
        InsertGate gate = held.isEmpty() ? null : held.pop();
        try {
            java.util.List<Forward> attached = forwards.get(dataSource.getId());
            if (attached != null) {
                for (Forward forward : attached) {
                    forward.accept(block);
                }
            }
        } finally {
            if (gate != null) {
                gate.exit();
            }
        }
        if (!stagedOnly.contains(dataSource.getId())) {
            delegate.afterInsert(dataSource, block);
        }
    }

    /**
     * Marks a staging table: rows written straight to it ({@code __tb__min_deployment}) do not fire the live
     * materialized views of the data source's name. {@link #unstage} when it becomes live or is dropped.
     */
    public void stage(String stagedTableId) {
        stagedOnly.add(stagedTableId);
    }

    public void unstage(String stagedTableId) {
        stagedOnly.remove(stagedTableId);
    }

    /**
     * Quiesces appends to {@code liveTableId}, runs {@code atCutOver}, then starts forwarding its appends (after the
     * forwards already attached to it: a migration, then the materialized views recomputed from it). Fails
     * (IllegalStateException) when appends in flight do not finish within {@code timeoutMillis}.
     */
    public void attach(String liveTableId, Forward forward, Runnable atCutOver, long timeoutMillis) {
        InsertGate gate = gates.computeIfAbsent(liveTableId, ignored -> new InsertGate());
        if (!gate.close(timeoutMillis)) {
            throw new IllegalStateException("Appends to the live table did not pause within " + timeoutMillis
                    + " ms; retry the deployment");
        }
        try {
            atCutOver.run();
            forwards.computeIfAbsent(liveTableId, ignored -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(forward);
        } finally {
            gate.open();
        }
    }

    /**
     * Runs {@code action} while no append to any of {@code liveTableIds} is in flight (a promotion that must switch
     * from forwarded to live writes without a block seeing both or neither). Fails (IllegalStateException) when
     * appends in flight do not finish within {@code timeoutMillis}.
     */
    public void quiesce(java.util.Collection<String> liveTableIds, Runnable action, long timeoutMillis) {
        java.util.List<InsertGate> closed = new java.util.ArrayList<>();
        try {
            for (String id : new java.util.TreeSet<>(liveTableIds)) {
                InsertGate gate = gates.computeIfAbsent(id, ignored -> new InsertGate());
                if (!gate.close(timeoutMillis)) {
                    throw new IllegalStateException("Appends to the live table did not pause within " + timeoutMillis
                            + " ms; retry");
                }
                closed.add(gate);
            }
            action.run();
        } finally {
            closed.forEach(InsertGate::open);
        }
    }

    /** Stops every forward of {@code liveTableId}. */
    public void detach(String liveTableId) {
        forwards.remove(liveTableId);
    }

    public boolean forwarding(String liveTableId) {
        java.util.List<Forward> attached = forwards.get(liveTableId);
        return attached != null && !attached.isEmpty();
    }

    /** Stops one forward of {@code liveTableId} (others stay). */
    public void detach(String liveTableId, Forward forward) {
        java.util.List<Forward> attached = forwards.get(liveTableId);
        if (attached != null) {
            attached.remove(forward);
        }
    }

    /**
     * Appends in flight into one live table (by thread), and a pause that waits for them (tested on its own). An
     * append that failed between {@link #keepsRows} and {@link #afterInsert} is released by its thread's next append;
     * if that thread has died, the pause stops counting it.
     */
    static final class InsertGate {
        private final java.util.Map<Thread, Integer> inFlight = new java.util.HashMap<>();
        private boolean closed;

        synchronized void enter() {
            boolean interrupted = false;
            while (closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            inFlight.merge(Thread.currentThread(), 1, Integer::sum);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void exit() {
            inFlight.computeIfPresent(Thread.currentThread(), (thread, count) -> count <= 1 ? null : count - 1);
            notifyAll();
        }

        /** Stops new appends and waits for the ones in flight; false (and open again) on timeout. */
        synchronized boolean close(long timeoutMillis) {
            closed = true;
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try {
                while (true) {
                    inFlight.keySet().removeIf(thread -> !thread.isAlive());
                    if (inFlight.isEmpty()) {
                        return true;
                    }
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        open();
                        return false;
                    }
                    wait(Math.min(left, 100));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                open();
                return false;
            }
        }

        synchronized void open() {
            closed = false;
            notifyAll();
        }

        synchronized int inFlight() {
            return inFlight.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
