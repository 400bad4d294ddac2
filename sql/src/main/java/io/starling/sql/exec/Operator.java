package io.starling.sql.exec;

import io.starling.storage.block.Block;

/**
 * A vectorised, pull-based operator: each {@link #next()} returns a block of rows or null at the end.
 *
 * <p>Execution model: one thread drives a tree of operators by calling {@code next()} on the root, which
 * pulls from its inputs. Operators may block while reading table data; they never spawn threads. Not
 * thread-safe. {@link #next()} is final: it checks the deadline and cancellation before every block, so no
 * operator can forget to. Blocks never have zero rows. {@link #close()} releases inputs and is idempotent.
 */
public abstract class Operator implements AutoCloseable {
    private final ExecutionContext context;

    protected Operator(ExecutionContext context) {
        this.context = context;
    }

    protected ExecutionContext context() {
        return context;
    }

    /** The next non-empty block, or null when there are no more rows. */
    public final Block next() {
        context.check();
        while (true) {
            Block block = produce();
            if (block == null || block.rowCount() > 0) {
                return block;
            }
            context.check();
        }
    }

    /** Produces the next block (may be empty; null at the end). */
    protected abstract Block produce();

    @Override
    public void close() {
    }
}
