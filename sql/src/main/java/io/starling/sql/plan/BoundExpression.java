package io.starling.sql.plan;

import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.storage.type.DataType;
import java.util.List;

/** A typed expression ready to evaluate against the columns of an operator's input block. */
public sealed interface BoundExpression {
    DataType type();

    /** Column {@code index} of the input block. */
    record InputColumn(int index, DataType type) implements BoundExpression {
    }

    /** A constant: Long, Double, String, List (arrays), or null for NULL. */
    record Constant(DataType type, Object value) implements BoundExpression {
    }

    /** A scalar function applied to arguments. */
    record Call(ScalarFunction function, ScalarKernel kernel, List<BoundExpression> arguments, DataType type)
            implements BoundExpression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
