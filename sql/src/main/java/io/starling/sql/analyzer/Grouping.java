package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grouping(k1, ..., kn)} after GROUP BY: a bit mask with one bit per argument, the last argument the least
 * significant, set when the argument is not a key of the row's grouping set (standard SQL, ClickHouse's default
 * force_grouping_standard_compatibility = 1). Each argument must be a GROUP BY key. Bound as a lookup of the
 * row's set number in a constant array of masks.
 */
final class Grouping {
    private Grouping() {
    }

    /** The binding of {@code expression} when it is a grouping() call, else null. */
    static BoundExpression bind(Expression expression, List<Expression> keys, List<List<Integer>> sets, int setColumn,
                                ExpressionBinder binder) {
        if (!(expression instanceof FunctionCall call) || !call.name().equalsIgnoreCase("grouping")) {
            return null;
        }
        if (call.arguments().isEmpty()) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function grouping needs at least one GROUP BY key");
        }
        List<Integer> positions = new ArrayList<>();
        for (Expression argument : call.arguments()) {
            int position = -1;
            for (int k = 0; k < keys.size(); k++) {
                if (keys.get(k).columnName().equals(argument.columnName())) {
                    position = k;
                    break;
                }
            }
            if (position < 0) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Argument [" + argument.columnName()
                        + "] of grouping() is not a GROUP BY key; the keys are "
                        + keys.stream().map(Expression::columnName).toList());
            }
            positions.add(position);
        }
        List<List<Integer>> all = sets;
        if (all == null) {
            List<Integer> every = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                every.add(k);
            }
            all = List.of(every);
        }
        List<Object> masks = new ArrayList<>();
        for (List<Integer> set : all) {
            long mask = 0;
            for (int position : positions) {
                mask = (mask << 1) | (set.contains(position) ? 0 : 1);
            }
            masks.add(mask);
        }
        if (setColumn < 0) {
            return new BoundExpression.Constant(Types.UINT64, masks.get(0));
        }
        BoundExpression table = new BoundExpression.Constant(new ArrayType(Types.UINT64), masks);
        BoundExpression index = binder.resolve("plus", List.of(new BoundExpression.InputColumn(setColumn, Types.UINT64),
                new BoundExpression.Constant(Types.UINT8, 1L)));
        return binder.resolve("arrayElement", List.of(table, index));
    }
}
