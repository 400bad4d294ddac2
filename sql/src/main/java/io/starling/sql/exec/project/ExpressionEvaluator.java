package io.starling.sql.exec.project;

import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.NullableType;

/**
 * Evaluates bound expressions a whole block at a time. Constants stay one-row operands; a call whose
 * arguments are all constant is computed once. Implements ClickHouse's default handling of NULL (a NULL
 * argument gives NULL; the function only sees non-NULL rows) and LowCardinality (a function of one
 * LowCardinality column runs on the dictionary, then maps the codes). Stateless and thread-safe.
 */
public final class ExpressionEvaluator {
    private ExpressionEvaluator() {
    }

    /** The expression's values as a full column of {@code block.rowCount()} rows. */
    public static Column column(BoundExpression expression, Block block) {
        return evaluate(expression, block).full(block.rowCount());
    }

    public static Operand evaluate(BoundExpression expression, Block block) {
        return switch (expression) {
            case BoundExpression.InputColumn input -> Operand.of(block.column(input.index()));
            case BoundExpression.Constant constant -> Operand.constant(Values.repeat(constant.type(), constant.value(), 1));
            case BoundExpression.Call call -> call(call, block);
        };
    }

    private static Operand call(BoundExpression.Call call, Block block) {
        int count = call.arguments().size();
        Operand[] operands = new Operand[count];
        // rand() and other non-deterministic calls get a value per row even when their arguments are constant.
        boolean allConstant = call.function().deterministic();
        for (int i = 0; i < count; i++) {
            operands[i] = evaluate(call.arguments().get(i), block);
            allConstant &= operands[i].constant();
        }
        int rows = allConstant ? 1 : block.rowCount();
        Column result = call.function().defaultNulls()
                ? applyDefault(call.kernel(), operands, rows, call.type())
                : call.kernel().apply(call.function().takesLowCardinality() ? operands : decodeAll(operands), rows);
        return new Operand(result, allConstant);
    }

    private static Operand[] decodeAll(Operand[] operands) {
        Operand[] decoded = operands.clone();
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i].column() instanceof LowCardinalityColumn lowCardinality) {
                decoded[i] = new Operand(lowCardinality.decode(), decoded[i].constant());
            }
        }
        return decoded;
    }

    /** Applies a kernel with default LowCardinality and NULL handling. */
    public static Column applyDefault(ScalarKernel kernel, Operand[] operands, int rows, DataType resultType) {
        int lowCardinalityIndex = -1;
        int nonConstant = 0;
        for (int i = 0; i < operands.length; i++) {
            if (!operands[i].constant()) {
                nonConstant++;
                if (operands[i].column() instanceof LowCardinalityColumn) {
                    lowCardinalityIndex = i;
                }
            }
        }
        if (lowCardinalityIndex >= 0 && nonConstant == 1) {
            LowCardinalityColumn lowCardinality = (LowCardinalityColumn) operands[lowCardinalityIndex].column();
            Operand[] onDictionary = operands.clone();
            Column dictionary = lowCardinality.dictionary();
            onDictionary[lowCardinalityIndex] = Operand.of(dictionary);
            Column perValue = applyDefault(kernel, onDictionary, dictionary.size(), resultType);
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                codes[i] = lowCardinality.code(i);
            }
            return perValue.select(codes, rows);
        }
        return applyNulls(kernel, decodeAll(operands), rows, resultType);
    }

    private static Column applyNulls(ScalarKernel kernel, Operand[] operands, int rows, DataType resultType) {
        boolean[] nulls = null;
        Operand[] values = operands.clone();
        for (int a = 0; a < operands.length; a++) {
            if (!(operands[a].column() instanceof NullableColumn nullable)) {
                continue;
            }
            if (operands[a].constant()) {
                if (nullable.isNull(0)) {
                    return Values.repeat(resultType, null, rows);
                }
                values[a] = Operand.constant(nullable.values());
                continue;
            }
            if (nulls == null) {
                nulls = new boolean[rows];
            }
            for (int i = 0; i < rows; i++) {
                nulls[i] |= nullable.isNull(i);
            }
            values[a] = Operand.of(nullable.values());
        }
        if (nulls == null) {
            return kernel.apply(values, rows);
        }
        int[] positions = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (!nulls[i]) {
                positions[count++] = i;
            }
        }
        Column inner;
        if (count == rows) {
            inner = kernel.apply(values, rows);
        } else {
            Operand[] compact = new Operand[values.length];
            for (int a = 0; a < values.length; a++) {
                compact[a] = values[a].constant() ? values[a] : Operand.of(values[a].column().select(positions, count));
            }
            inner = scatter(kernel.apply(compact, count), nulls, rows);
        }
        if (inner.type().isNullable() || !(resultType instanceof NullableType nullableType)) {
            return inner;
        }
        return new NullableColumn(nullableType, inner, nulls, 0);
    }

    /** Spreads {@code compact} over the non-NULL rows, with defaults under the NULLs. */
    private static Column scatter(Column compact, boolean[] nulls, int rows) {
        ColumnBuilder builder = ColumnBuilder.forType(compact.type(), rows);
        int next = 0;
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                builder.appendDefault();
            } else {
                builder.appendFrom(compact, next++);
            }
        }
        return builder.build();
    }

    /** True when {@code type} holds the NULL literal's type. */
    static boolean isNothing(DataType type) {
        return Types.isNothing(type);
    }
}
