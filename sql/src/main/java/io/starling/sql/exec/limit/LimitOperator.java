package io.starling.sql.exec.limit;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;

/**
 * Skips {@code offset} rows and passes at most {@code limit}. Counts the rows that reached it
 * (rows_before_limit_at_least): when {@code countAll} is set (the input is already materialised, e.g.
 * sorted or aggregated) it drains the input to count exactly; otherwise it stops at the limit.
 */
public final class LimitOperator extends Operator {
    private final Operator input;
    private final long limit;
    private final boolean countAll;
    private long toSkip;
    private long remaining;
    private long rowsSeen;
    private java.util.function.LongSupplier rowsBefore;

    public LimitOperator(ExecutionContext context, Operator input, long limit, long offset, boolean countAll) {
        super(context);
        this.input = input;
        this.limit = limit;
        this.toSkip = offset;
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
        this.countAll = countAll;
    }

    /**
     * Counts rows before the limit with {@code rows} instead of the rows that reach this operator: for an input
     * that already cut itself to the limit (a top-N sort knows how many rows it ordered).
     */
    public void countRowsWith(java.util.function.LongSupplier rows) {
        this.rowsBefore = rows;
    }

    /** Rows that reached this operator so far. */
    public long rowsBeforeLimit() {
        return rowsBefore != null ? rowsBefore.getAsLong() : rowsSeen;
    }

    @Override
    protected Block produce() {
        while (true) {
            if (remaining == 0) {
                drain();
                return null;
            }
            Block block = input.next();
            if (block == null) {
                return null;
            }
            rowsSeen += block.rowCount();
            int start = (int) Math.min(toSkip, block.rowCount());
            toSkip -= start;
            int length = (int) Math.min(remaining, block.rowCount() - start);
            if (length == 0) {
                continue;
            }
            remaining -= length;
            return start == 0 && length == block.rowCount() ? block : block.region(start, length);
        }
    }

    private void drain() {
        if (!countAll) {
            return;
        }
        Block block;
        while ((block = input.next()) != null) {
            rowsSeen += block.rowCount();
        }
    }

    @Override
    public void close() {
        input.close();
    }

    public long limit() {
        return limit;
    }
}
