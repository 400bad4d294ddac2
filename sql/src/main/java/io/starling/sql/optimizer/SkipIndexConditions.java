package io.starling.sql.optimizer;

import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.index.IndexPredicate;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The WHERE conjunctions a table's skip indexes can answer: {@code target op constant} with {@code =, IN, <, <=,
 * >, >=}, {@code target LIKE 'pattern'}, {@code has(target, constant)} and {@code hasToken(target, 'token')}, where
 * the target is a column that carries an index or an expression equal to an index's expression
 * ({@code INDEX idx lower(url) TYPE bloom_filter} answers {@code WHERE lower(url) = 'x'}; expressions are compared
 * after binding, so spacing, quoting and function-name case do not matter). Constants whose type differs from the
 * target's (a Date against a DateTime, a string against a number) are left out, so the indexes never compare values
 * of different units. Stateless.
 */
public final class SkipIndexConditions {
    private SkipIndexConditions() {
    }

    /**
     * The index predicates of {@code predicate} over the scan's columns ({@code columnNames}, {@code columnTypes}),
     * restricted to {@code indexedColumns}; empty when none applies.
     */
    public static List<IndexPredicate> of(BoundExpression predicate, List<String> columnNames,
                                          List<DataType> columnTypes, Set<String> indexedColumns) {
        List<IndexPredicate> predicates = new ArrayList<>();
        if (!indexedColumns.isEmpty()) {
            collect(predicate, columnNames, columnTypes, new Indexed(indexedColumns, List.of()), predicates);
        }
        return List.copyOf(predicates);
    }

    /**
     * The index predicates of {@code predicate} over the scan's columns for the table's {@code indexes}: column
     * indexes and expression indexes whose expression only reads scanned columns. Empty when none applies.
     */
    public static List<IndexPredicate> of(BoundExpression predicate, List<String> columnNames,
                                          List<DataType> columnTypes, List<IndexDefinition> indexes) {
        Set<String> columns = new HashSet<>();
        List<ExpressionIndex> expressions = new ArrayList<>();
        List<ColumnDefinition> scanned = null;
        for (IndexDefinition index : indexes) {
            if (index.column() != null) {
                columns.add(index.column());
                continue;
            }
            if (scanned == null) {
                scanned = new ArrayList<>();
                for (int i = 0; i < columnNames.size(); i++) {
                    scanned.add(new ColumnDefinition(columnNames.get(i), columnTypes.get(i)));
                }
            }
            try {
                expressions.add(new ExpressionIndex(index.expression(),
                        StandaloneExpressions.compile(index.expression(), scanned)));
            } catch (RuntimeException e) {
                // reads a column the query does not scan (or does not compile): no WHERE term can match it
            }
        }
        List<IndexPredicate> predicates = new ArrayList<>();
        if (!columns.isEmpty() || !expressions.isEmpty()) {
            collect(predicate, columnNames, columnTypes, new Indexed(columns, expressions), predicates);
        }
        return List.copyOf(predicates);
    }

    /** An index expression as written and bound over the scanned columns. */
    private record ExpressionIndex(String text, BoundExpression bound) {
    }

    /** The indexed columns and expressions of one scan. */
    private record Indexed(Set<String> columns, List<ExpressionIndex> expressions) {
        /** The index expression text {@code target} answers for, or null when no index covers it. */
        String match(BoundExpression target, List<String> names) {
            if (target instanceof BoundExpression.InputColumn column) {
                String name = names.get(column.index());
                if (columns.contains(name)) {
                    return name;
                }
            }
            for (ExpressionIndex index : expressions) {
                if (same(index.bound(), target)) {
                    return index.text();
                }
            }
            return null;
        }
    }

    /** Structural equality of bound expressions (same columns, functions and constants). */
    static boolean same(BoundExpression left, BoundExpression right) {
        return switch (left) {
            case BoundExpression.InputColumn column -> right instanceof BoundExpression.InputColumn other
                    && other.index() == column.index();
            case BoundExpression.Constant constant -> right instanceof BoundExpression.Constant other
                    && other.type().equals(constant.type()) && java.util.Objects.equals(other.value(), constant.value());
            case BoundExpression.Call call -> {
                if (!(right instanceof BoundExpression.Call other) || !other.function().name().equals(call.function().name())
                        || other.arguments().size() != call.arguments().size() || !other.type().equals(call.type())) {
                    yield false;
                }
                boolean all = true;
                for (int i = 0; i < call.arguments().size() && all; i++) {
                    all = same(call.arguments().get(i), other.arguments().get(i));
                }
                yield all;
            }
        };
    }

    private static void collect(BoundExpression expression, List<String> names, List<DataType> types,
                                Indexed indexed, List<IndexPredicate> predicates) {
        if (!(expression instanceof BoundExpression.Call call)) {
            return;
        }
        String function = call.function().name();
        if (function.equals("and")) {
            call.arguments().forEach(argument -> collect(argument, names, types, indexed, predicates));
            return;
        }
        if (call.arguments().size() != 2) {
            return;
        }
        BoundExpression left = call.arguments().get(0);
        BoundExpression right = call.arguments().get(1);
        boolean flipped = false;
        if (left instanceof BoundExpression.Constant && !(right instanceof BoundExpression.Constant)
                && !function.equals("has") && !function.equals("like") && !function.equals("hasToken")) {
            BoundExpression swap = left;
            left = right;
            right = swap;
            flipped = true;
        }
        if (left instanceof BoundExpression.Constant || !(right instanceof BoundExpression.Constant constant)
                || constant.value() == null) {
            return;
        }
        String name = indexed.match(left, names);
        if (name == null) {
            return;
        }
        DataType columnType = left instanceof BoundExpression.InputColumn column ? types.get(column.index()) : left.type();
        DataType leaf = leaf(columnType);
        if (WideDecimalKeys.applies(leaf)) {
            io.starling.storage.type.DecimalType decimal = (io.starling.storage.type.DecimalType) leaf;
            if (!(Types.base(columnType) instanceof ArrayType)) {
                wideDecimal(function, flipped, name, decimal, constant, predicates);
            } else if (function.equals("has")) {
                wideDecimalHas(name, decimal, constant, predicates);
            }
            return;
        }
        switch (function) {
            case "in" -> {
                if (!(constant.value() instanceof List<?> values) || values.isEmpty()) {
                    return;
                }
                DataType element = constant.type() instanceof ArrayType array ? array.element() : constant.type();
                List<Object> converted = new ArrayList<>();
                for (Object value : values) {
                    Object ok = value == null ? null : compatible(value, leaf, Types.base(element));
                    if (ok == null) {
                        return;
                    }
                    converted.add(ok);
                }
                if (!(columnType instanceof ArrayType)) {
                    predicates.add(new IndexPredicate(name, IndexPredicate.Op.IN, converted));
                }
            }
            case "like", "hasToken" -> {
                if (!(Types.base(Types.stripLowCardinality(columnType)) instanceof io.starling.storage.type.StringType)
                        || !(constant.value() instanceof String text)) {
                    return;
                }
                predicates.add(IndexPredicate.of(name, function.equals("like") ? IndexPredicate.Op.LIKE
                        : IndexPredicate.Op.HAS_TOKEN, text));
            }
            case "has" -> {
                if (!(Types.base(columnType) instanceof ArrayType)) {
                    return;
                }
                Object value = compatible(constant.value(), leaf, Types.base(constant.type()));
                if (value != null) {
                    predicates.add(IndexPredicate.of(name, IndexPredicate.Op.HAS, value));
                }
            }
            default -> {
                if (columnType instanceof ArrayType) {
                    return;
                }
                Object value = compatible(constant.value(), leaf, Types.base(constant.type()));
                if (value == null) {
                    return;
                }
                IndexPredicate.Op op = switch (flipped ? flip(function) : function) {
                    case "equals" -> IndexPredicate.Op.EQUALS;
                    case "less" -> IndexPredicate.Op.LESS;
                    case "lessOrEquals" -> IndexPredicate.Op.LESS_OR_EQUAL;
                    case "greater" -> IndexPredicate.Op.GREATER;
                    case "greaterOrEquals" -> IndexPredicate.Op.GREATER_OR_EQUAL;
                    default -> null;
                };
                if (op != null) {
                    predicates.add(IndexPredicate.of(name, op, value));
                }
            }
        }
    }

    /** The index predicates of a comparison or IN on a Decimal128/Decimal256 target (see {@link WideDecimalKeys}). */
    private static void wideDecimal(String function, boolean flipped, String name,
                                    io.starling.storage.type.DecimalType column, BoundExpression.Constant constant,
                                    List<IndexPredicate> predicates) {
        if (function.equals("in")) {
            if (constant.value() instanceof List<?> values) {
                List<java.math.BigDecimal> set = WideDecimalKeys.set(values, constant.type(), column);
                if (set != null) {
                    predicates.add(WideDecimalKeys.indexSet(name, set, column));
                }
            }
            return;
        }
        WideDecimalKeys.Range range = WideDecimalKeys.range(flipped ? flip(function) : function, constant.value(),
                constant.type());
        if (range != null) {
            predicates.addAll(WideDecimalKeys.indexPredicates(name, range, column));
        }
    }

    /** {@code has(array, constant)} on an Array of Decimal128/Decimal256: the constant as the elements store it. */
    private static void wideDecimalHas(String name, io.starling.storage.type.DecimalType element,
                                       BoundExpression.Constant constant, List<IndexPredicate> predicates) {
        List<java.math.BigDecimal> set = WideDecimalKeys.set(List.of(constant.value()), constant.type(), element);
        if (set == null || set.isEmpty()) {
            return; // not comparable, or not exact at the elements' scale: no pruning
        }
        List<Object> values = WideDecimalKeys.indexSet(name, set, element).values();
        if (values.size() == 1) {
            predicates.add(IndexPredicate.of(name, IndexPredicate.Op.HAS, values.get(0)));
        }
    }

    /** The column's value type with Nullable, LowCardinality and Array removed. */
    private static DataType leaf(DataType type) {
        return switch (type) {
            case NullableType nullable -> leaf(nullable.inner());
            case LowCardinalityType dictionary -> leaf(dictionary.inner());
            case ArrayType array -> leaf(array.element());
            default -> type;
        };
    }

    /** The constant when an index over {@code leaf} values compares it in the same units; null otherwise. */
    private static Object compatible(Object value, DataType leaf, DataType constantType) {
        PhysicalKind kind = leaf.physical();
        if (kind == PhysicalKind.BYTES) {
            return value instanceof String && Types.isString(constantType) && Types.isString(leaf) ? value : null;
        }
        if (kind == PhysicalKind.DOUBLE) {
            return value instanceof Double || (value instanceof Long && Types.isInteger(constantType)) ? value : null;
        }
        if (kind == PhysicalKind.LONG && value instanceof Long) {
            String column = leaf.name();
            String constant = constantType.name();
            if (column.startsWith("Date") || constant.startsWith("Date")) {
                boolean same = column.equals(constant) || (column.startsWith("DateTime") && constant.startsWith("DateTime")
                        && !column.startsWith("DateTime64") && !constant.startsWith("DateTime64"));
                return same ? value : null;
            }
            return (column.startsWith("Int") || column.startsWith("UInt")) && Types.isInteger(constantType) ? value : null;
        }
        return null;
    }

    private static String flip(String function) {
        return switch (function) {
            case "less" -> "greater";
            case "lessOrEquals" -> "greaterOrEquals";
            case "greater" -> "less";
            case "greaterOrEquals" -> "lessOrEquals";
            default -> function;
        };
    }
}
