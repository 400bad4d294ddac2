package io.starling.sql.exec.aggregate;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;

/** Emits the WITH TOTALS row a {@link GroupingSetsOperator} published in a slot (nothing when it has not run). */
public final class TotalsOperator extends Operator {
    private final int slot;
    private boolean done;

    public TotalsOperator(ExecutionContext context, int slot) {
        super(context);
        this.slot = slot;
    }

    @Override
    protected Block produce() {
        if (done) {
            return null;
        }
        done = true;
        return context().totals(slot);
    }
}
