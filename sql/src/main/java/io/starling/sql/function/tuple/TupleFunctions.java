package io.starling.sql.function.tuple;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.storage.column.Column;
import io.starling.storage.column.TupleColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;

/** tuple(a, b, ...) (also what the literal {@code (a, b)} calls) and tupleElement(t, index or name). */
public final class TupleFunctions {
    private TupleFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.ofNullAware("tuple", TupleFunctions::tuple));
        registry.add(ScalarFunction.ofNullAware("tupleElement", TupleFunctions::tupleElement));
    }

    private static ScalarKernel tuple(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount("tuple", 0, "at least 1");
        }
        List<DataType> types = new ArrayList<>();
        for (Argument argument : arguments) {
            types.add(argument.type());
        }
        TupleType type = new TupleType(types);
        return ScalarKernel.of(type, (operands, rows) -> {
            List<Column> elements = new ArrayList<>(operands.length);
            for (var operand : operands) {
                elements.add(operand.full(rows));
            }
            return new TupleColumn(type, elements, rows);
        });
    }

    private static ScalarKernel tupleElement(List<Argument> arguments) {
        Errors.checkCount("tupleElement", arguments, 2, 2);
        if (!(arguments.get(0).type() instanceof TupleType tuple)) {
            throw Errors.illegalArgument("tupleElement", 0, "a Tuple");
        }
        Argument selector = arguments.get(1);
        int index;
        if (selector.constant() && selector.value() instanceof String name) {
            index = tuple.indexOf(name);
            if (index < 0) {
                throw Errors.illegalArgument("tupleElement", 1, "the name of an element of " + tuple.name());
            }
        } else {
            long position = selector.constantLong("tupleElement", 1);
            if (position < 1 || position > tuple.elements().size()) {
                throw Errors.illegalArgument("tupleElement", 1, "an index between 1 and " + tuple.elements().size());
            }
            index = (int) position - 1;
        }
        DataType type = tuple.elements().get(index);
        return ScalarKernel.of(type, (operands, rows) -> ((TupleColumn) operands[0].full(rows)).element(index));
    }
}
