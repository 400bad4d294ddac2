package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code ORDER BY ... WITH FILL [FROM] [TO] [STEP]} with ClickHouse's checks (INVALID_WITH_FILL_EXPRESSION,
 * 475): a fill key is a number, Date, Date32, DateTime or DateTime64; FROM, TO and STEP are constants; the step is
 * non-zero, positive for ASC and negative for DESC (default 1 / -1: a day for dates, a second for date-times);
 * an INTERVAL step needs a date type (and at least a day for Date); FROM and TO of a date type must have the
 * column's type.
 */
final class FillPlanner {
    private final QueryAnalyzer analyzer;
    private final AliasExpander aliases;

    FillPlanner(QueryAnalyzer analyzer, AliasExpander aliases) {
        this.analyzer = analyzer;
        this.aliases = aliases;
    }

    PlanNode plan(PlanNode input, List<OrderItem> items, List<PlanNode.SortKey> sortKeys, List<ColumnDefinition> columns) {
        List<PlanNode.FillKey> keys = new ArrayList<>();
        List<Integer> prefix = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            OrderItem item = items.get(k);
            int column = sortKeys.get(k).column();
            if (item.fill() == null) {
                if (keys.isEmpty()) {
                    prefix.add(column);
                }
                continue;
            }
            for (PlanNode.FillKey existing : keys) {
                if (existing.column() == column) {
                    throw invalid("Multiple WITH FILL for identical expressions is not supported in ORDER BY");
                }
            }
            keys.add(key(item, column, columns.get(column)));
        }
        return new PlanNode.Fill(input, prefix.stream().mapToInt(Integer::intValue).toArray(), keys);
    }

    private PlanNode.FillKey key(OrderItem item, int column, ColumnDefinition definition) {
        DataType type = Types.stripLowCardinality(definition.type()).unwrapNullable();
        boolean date = type instanceof DateType || type instanceof Date32Type;
        boolean dateTime = type instanceof DateTimeType || type instanceof DateTime64Type;
        if (!(type instanceof IntegerType) && !(type instanceof FloatType) && !date && !dateTime) {
            throw invalid("WITH FILL works on numbers, Date, Date32, DateTime and DateTime64; column ["
                    + definition.name() + "] is " + definition.type().name());
        }
        boolean floating = type.physical() == PhysicalKind.DOUBLE;
        long ticks = type instanceof DateTime64Type dt64 ? dt64.ticksPerSecond() : 1;
        OrderItem.Fill fill = item.fill();
        Object from = bound(fill.from(), type, floating, "FROM");
        Object to = bound(fill.to(), type, floating, "TO");
        Object step = null;
        String unit = null;
        long count = 0;
        double stepSign;
        if (fill.step() instanceof FunctionCall interval && interval.name().startsWith("toInterval")
                && interval.arguments().size() == 1) {
            unit = interval.name().substring("toInterval".length());
            if (!date && !dateTime) {
                throw invalid("STEP of Interval type can be used only with Date/DateTime types, but got " + type.name());
            }
            Object value = constant(interval.arguments().get(0), "STEP");
            if (!(value instanceof Long number)) {
                throw invalid("The INTERVAL of WITH FILL STEP must be a whole number");
            }
            count = number;
            long seconds = Math.abs(count) * switch (unit) {
                case "Second" -> 1L;
                case "Minute" -> 60L;
                case "Hour" -> 3600L;
                case "Day" -> 86400L;
                case "Week" -> 7 * 86400L;
                case "Month" -> 30 * 86400L;
                case "Quarter" -> 91 * 86400L;
                default -> 365 * 86400L;
            };
            if (date && seconds < 86400) {
                throw invalid("Value of step is to low (" + seconds + " seconds). Must be >= 1 day");
            }
            stepSign = Math.signum(count);
        } else if (fill.step() != null) {
            Object value = constant(fill.step(), "STEP");
            if (!(value instanceof Number number)) {
                throw invalid("WITH FILL STEP must be a number or an INTERVAL");
            }
            if (floating) {
                step = number.doubleValue();
            } else if (value instanceof Double real && real != Math.rint(real) && ticks == 1) {
                throw invalid("WITH FILL STEP [" + real + "] must be a whole number for " + type.name());
            } else {
                step = value instanceof Double real ? Math.round(real * ticks) : number.longValue() * ticks;
            }
            stepSign = Math.signum(number.doubleValue());
        } else {
            stepSign = item.descending() ? -1 : 1;
        }
        if (stepSign == 0) {
            throw invalid("WITH FILL STEP value cannot be zero");
        }
        if (!item.descending()) {
            if (stepSign < 0) {
                throw invalid("WITH FILL STEP value cannot be negative for sorting in ascending direction");
            }
            if (from != null && to != null && compare(from, to) > 0) {
                throw invalid("WITH FILL TO value cannot be less than FROM value for sorting in ascending direction");
            }
        } else {
            if (stepSign > 0) {
                throw invalid("WITH FILL STEP value cannot be positive for sorting in descending direction");
            }
            if (from != null && to != null && compare(from, to) < 0) {
                throw invalid("WITH FILL TO value cannot be greater than FROM value for sorting in descending direction");
            }
        }
        if (type instanceof IntegerType integer && !integer.signed()
                && ((from != null && compare(from, 0L) < 0) || (to != null && compare(to, 0L) < 0))) {
            throw invalid("WITH FILL bound values cannot be negative for unsigned type " + type.name());
        }
        return new PlanNode.FillKey(column, item.descending(), from, to, step, unit, count);
    }

    private static int compare(Object left, Object right) {
        return Double.compare(((Number) left).doubleValue(), ((Number) right).doubleValue());
    }

    /** FROM or TO as a value in the column's representation. */
    private Object bound(Expression expression, DataType type, boolean floating, String clause) {
        if (expression == null) {
            return null;
        }
        BoundExpression bound = bind(expression, clause);
        DataType boundType = Types.base(bound.type());
        boolean dateLike = boundType instanceof DateType || boundType instanceof Date32Type
                || boundType instanceof DateTimeType || boundType instanceof DateTime64Type;
        if (dateLike && !sameKind(boundType, type)) {
            throw invalid("Incompatible types of WITH FILL expression values with column type " + type.name()
                    + ": " + clause + " is " + boundType.name());
        }
        Object value = ((BoundExpression.Constant) bound).value();
        if (!(value instanceof Number number)) {
            throw invalid("WITH FILL " + clause + " must be a number or a value of the column's type " + type.name());
        }
        if (floating) {
            return number.doubleValue();
        }
        if (value instanceof Double real) {
            if (real != Math.rint(real)) {
                throw invalid("WITH FILL " + clause + " [" + real + "] must be a whole number for " + type.name());
            }
            return (long) (double) real;
        }
        if (type instanceof DateTime64Type dt64 && !(boundType instanceof DateTime64Type)) {
            return number.longValue() * dt64.ticksPerSecond();
        }
        return number.longValue();
    }

    private static boolean sameKind(DataType bound, DataType column) {
        if (column instanceof DateTime64Type columnType && bound instanceof DateTime64Type boundType) {
            return columnType.precision() == boundType.precision();
        }
        return bound.getClass() == column.getClass();
    }

    private Object constant(Expression expression, String clause) {
        return ((BoundExpression.Constant) bind(expression, clause)).value();
    }

    private BoundExpression bind(Expression expression, String clause) {
        BoundExpression bound = analyzer.constantBinder(Map.of()).bind(aliases.expand(expression));
        if (!(bound instanceof BoundExpression.Constant)) {
            throw invalid("WITH FILL " + clause + " must be a constant expression");
        }
        return bound;
    }

    private static StarlingException invalid(String message) {
        return new StarlingException(ErrorCode.INVALID_WITH_FILL_EXPRESSION, message);
    }
}
