package io.starling.sql.function;

import io.starling.storage.column.Column;
import io.starling.storage.type.DataType;

/**
 * A scalar function resolved for concrete argument types. {@link #apply} computes a whole column at once.
 * With default NULL and LowCardinality handling (see {@link ScalarFunction}), operands are never Nullable or
 * LowCardinality: the evaluator unwraps them and re-applies the null mask to the result.
 * Kernels are immutable and thread-safe.
 */
public interface ScalarKernel {
    DataType resultType();

    /** Computes {@code rows} values; the result has exactly {@code rows} rows and type {@link #resultType()}. */
    Column apply(Operand[] operands, int rows);

    static ScalarKernel of(DataType resultType, Body body) {
        return new ScalarKernel() {
            @Override
            public DataType resultType() {
                return resultType;
            }

            @Override
            public Column apply(Operand[] operands, int rows) {
                return body.apply(operands, rows);
            }
        };
    }

    /** The computation of a kernel built with {@link #of}. */
    @FunctionalInterface
    interface Body {
        Column apply(Operand[] operands, int rows);
    }
}
