package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code values} table function: {@code values('a UInt8, b String', (1, 'x'), (2, 'y'))} with a structure,
 * or {@code values((1, 'x'), (2, 'y'))} / {@code values(1, 2)} whose columns are {@code c1, c2, ...} of the common
 * type of each position. A row is a tuple (one value per column) or a single value; values are constants cast
 * to the column types.
 */
final class ValuesFunction {
    private ValuesFunction() {
    }

    static PlanNode.Rows rows(List<Expression> arguments, ExpressionBinder binder) {
        if (arguments.isEmpty()) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                    "Table function values needs at least one row: values([structure,] row, ...)");
        }
        List<ColumnDefinition> structure = null;
        if (arguments.size() > 1 && arguments.get(0) instanceof Literal literal && literal.value() instanceof String text) {
            try {
                structure = structure(text);
            } catch (StarlingException notAStructure) {
                structure = null; // a string value, as in values('a', 'b')
            }
        }
        List<Expression> rowArguments = structure == null ? arguments : arguments.subList(1, arguments.size());
        List<List<BoundExpression.Constant>> rows = new ArrayList<>();
        for (Expression row : rowArguments) {
            List<Expression> values = row instanceof FunctionCall tuple && tuple.name().equals("tuple")
                    && (structure == null || structure.size() > 1 || tuple.arguments().size() == 1)
                    ? tuple.arguments() : List.of(row);
            List<BoundExpression.Constant> bound = new ArrayList<>();
            for (Expression value : values) {
                if (!(binder.bind(value) instanceof BoundExpression.Constant constant)) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS,
                            "Values of table function values must be constants; found [" + value.columnName() + "]");
                }
                bound.add(constant);
            }
            if (!rows.isEmpty() && bound.size() != rows.get(0).size()) {
                throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Rows of table function values "
                        + "have different numbers of values: " + rows.get(0).size() + " and " + bound.size());
            }
            rows.add(bound);
        }
        if (structure == null) {
            structure = new ArrayList<>();
            for (int c = 0; c < rows.get(0).size(); c++) {
                DataType type = null;
                for (List<BoundExpression.Constant> row : rows) {
                    DataType valueType = row.get(c).type();
                    type = type == null ? valueType : Types.superType(type, valueType);
                }
                structure.add(new ColumnDefinition("c" + (c + 1), type));
            }
        } else if (rows.get(0).size() != structure.size()) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Table function values has "
                    + structure.size() + " columns but rows of " + rows.get(0).size() + " values");
        }
        List<List<Object>> values = new ArrayList<>();
        for (List<BoundExpression.Constant> row : rows) {
            List<Object> converted = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                DataType type = structure.get(c).type();
                BoundExpression.Constant value = row.get(c);
                if (!value.type().equals(type)) {
                    value = (BoundExpression.Constant) binder.resolve("CAST",
                            List.of(value, new BoundExpression.Constant(Types.STRING, type.name())));
                }
                converted.add(value.value());
            }
            values.add(converted);
        }
        return new PlanNode.Rows(values, structure);
    }

    /** {@code 'a UInt8, b Nullable(String)'}: names and types, split at top-level commas. */
    private static List<ColumnDefinition> structure(String text) {
        List<ColumnDefinition> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String column = text.substring(start, i).trim();
                int space = column.indexOf(' ');
                if (space < 0) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Structure of table function values must be "
                            + "'name Type, ...'; got [" + text + "]");
                }
                columns.add(new ColumnDefinition(column.substring(0, space).replace("`", ""),
                        DataTypes.parse(column.substring(space + 1).trim())));
                start = i + 1;
            }
        }
        return columns;
    }
}
