package io.starling.sql.exec.union;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;
import java.util.List;

/** UNION ALL: the blocks of each input in turn. */
public final class UnionOperator extends Operator {
    private final List<Operator> inputs;
    private int current;

    public UnionOperator(ExecutionContext context, List<Operator> inputs) {
        super(context);
        this.inputs = List.copyOf(inputs);
    }

    @Override
    protected Block produce() {
        while (current < inputs.size()) {
            Block block = inputs.get(current).next();
            if (block != null) {
                return block;
            }
            inputs.get(current).close();
            current++;
        }
        return null;
    }

    @Override
    public void close() {
        for (Operator input : inputs) {
            input.close();
        }
    }
}
