package io.starling.sql.analyzer;

import io.starling.sql.function.Types;
import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves JOIN and ARRAY JOIN sources. A join's scope is the left columns then the right ones; a right column
 * whose name the left side has too is renamed {@code <right alias>.<name>}, so an unqualified name means the
 * left column and {@code r.name} the right one, as in ClickHouse. ON splits into equality keys (one side per
 * table) and a residual condition checked on candidate pairs.
 */
final class JoinResolver {
    private static final String HIDDEN = "__join_hidden.";

    private final QueryAnalyzer analyzer;

    JoinResolver(QueryAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    Source arrayJoin(Source input, TableExpression.ArrayJoin join) {
        ExpressionBinder binder = new Clause(analyzer, input.scope()).source("ARRAY JOIN");
        List<ColumnDefinition> columns = new ArrayList<>(input.scope().columns());
        List<BoundExpression> arrays = new ArrayList<>();
        List<ColumnDefinition> added = new ArrayList<>();
        for (Expression item : join.arrays()) {
            Expression expression = item instanceof Alias alias ? alias.expression() : item;
            BoundExpression bound = binder.bind(expression);
            if (!(Types.stripLowCardinality(bound.type()) instanceof ArrayType arrayType)) {
                throw new StarlingException(ErrorCode.TYPE_MISMATCH, "ARRAY JOIN needs an array; ["
                        + expression.columnName() + "] is " + bound.type().name());
            }
            String name;
            if (item instanceof Alias alias) {
                name = alias.name();
            } else if (expression instanceof Identifier identifier) {
                name = identifier.name();
                int index = input.scope().find(identifier);
                columns.set(index, new ColumnDefinition(HIDDEN + columns.get(index).name(), columns.get(index).type()));
            } else {
                name = expression.columnName();
            }
            arrays.add(bound);
            added.add(new ColumnDefinition(name, arrayType.element()));
        }
        List<ColumnDefinition> planOutput = new ArrayList<>(input.plan().output());
        planOutput.addAll(added);
        columns.addAll(added);
        PlanNode plan = new PlanNode.ArrayJoin(input.plan(), arrays, join.left(), planOutput);
        List<List<String>> origins = null;
        if (input.scope().origins() != null) {
            origins = new ArrayList<>(input.scope().origins());
            for (int i = 0; i < added.size(); i++) {
                origins.add(List.of());
            }
        }
        return new Source(plan, new Scope(columns, input.scope().qualifiers(), origins, input.scope().hidden()));
    }

    Source join(Source left, Source right, TableExpression.Join join, String rightQualifier) {
        String kind = join.kind();
        String strictness = join.strictness();
        if ((kind.equals("RIGHT") || kind.equals("FULL")) && !strictness.equals("ALL")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, strictness + " " + kind
                    + " JOIN is not supported yet; use ALL " + kind + " JOIN or swap the tables and use LEFT");
        }
        if (kind.equals("INNER") && (strictness.equals("SEMI") || strictness.equals("ANTI"))) {
            kind = "LEFT";
        }
        if (!kind.equals("CROSS") && join.on() == null && join.using().isEmpty()) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR, kind + " JOIN needs ON or USING");
        }
        List<ColumnDefinition> leftColumns = left.scope().columns();
        List<ColumnDefinition> rightColumns = right.scope().columns();
        int leftWidth = leftColumns.size();
        Set<String> leftNames = new HashSet<>();
        leftColumns.forEach(column -> leftNames.add(column.name()));
        List<ColumnDefinition> columns = new ArrayList<>(leftColumns);
        Set<String> using = new HashSet<>(join.using());
        for (ColumnDefinition column : rightColumns) {
            String name = column.name();
            if (using.contains(name)) {
                name = HIDDEN + name;
            } else if (leftNames.contains(name)) {
                name = rightQualifier + "." + name;
            }
            columns.add(new ColumnDefinition(name, column.type()));
        }
        List<String> qualifiers = new ArrayList<>(left.scope().qualifiers());
        qualifiers.addAll(right.scope().qualifiers());
        List<List<String>> origins = new ArrayList<>();
        for (int i = 0; i < leftColumns.size(); i++) {
            origins.add(left.scope().originOf(i));
        }
        for (int i = 0; i < rightColumns.size(); i++) {
            origins.add(right.scope().originOf(i));
        }
        Scope scope = new Scope(columns, qualifiers, origins);
        ExpressionBinder binder = new Clause(analyzer, scope).source("JOIN ON");
        List<BoundExpression> leftKeys = new ArrayList<>();
        List<BoundExpression> rightKeys = new ArrayList<>();
        List<Integer> usingLeft = new ArrayList<>();
        List<Integer> usingRight = new ArrayList<>();
        for (String name : join.using()) {
            int l = left.scope().resolve(Identifier.of(name));
            int r = right.scope().resolve(Identifier.of(name));
            addKey(binder, new BoundExpression.InputColumn(l, leftColumns.get(l).type()),
                    new BoundExpression.InputColumn(r, rightColumns.get(r).type()), leftKeys, rightKeys);
            if (leftColumns.get(l).type().equals(rightColumns.get(r).type())) {
                usingLeft.add(l);
                usingRight.add(r);
            }
        }
        BoundExpression residual = null;
        if (join.on() != null) {
            for (Expression conjunct : conjuncts(join.on())) {
                if (!equiKey(binder, conjunct, leftWidth, leftKeys, rightKeys)) {
                    BoundExpression bound = binder.bind(conjunct);
                    residual = residual == null ? bound : binder.resolve("and", List.of(residual, bound));
                }
            }
        }
        if (!kind.equals("CROSS") && leftKeys.isEmpty()) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "JOIN ON needs at least one equality between a "
                    + "column of each table (e.g. ON l.id = r.id); for other conditions use CROSS JOIN and WHERE");
        }
        if (kind.equals("CROSS") && residual != null) {
            kind = "INNER";
        }
        PlanNode plan = new PlanNode.Join(left.plan(), right.plan(), kind, strictness, leftKeys, rightKeys, residual,
                usingLeft.stream().mapToInt(Integer::intValue).toArray(),
                usingRight.stream().mapToInt(Integer::intValue).toArray(), columns);
        return new Source(plan, scope);
    }

    private static List<Expression> conjuncts(Expression expression) {
        List<Expression> out = new ArrayList<>();
        if (expression instanceof FunctionCall call && call.name().equals("and")) {
            call.arguments().forEach(argument -> out.addAll(conjuncts(argument)));
        } else {
            out.add(expression);
        }
        return out;
    }

    /** Adds {@code a = b} as a key when one side reads only left columns and the other only right ones. */
    private boolean equiKey(ExpressionBinder binder, Expression conjunct, int leftWidth,
                            List<BoundExpression> leftKeys, List<BoundExpression> rightKeys) {
        if (!(conjunct instanceof FunctionCall call) || !call.name().equals("equals") || call.arguments().size() != 2) {
            return false;
        }
        BoundExpression a = binder.bind(call.arguments().get(0));
        BoundExpression b = binder.bind(call.arguments().get(1));
        int sideA = side(a, leftWidth);
        int sideB = side(b, leftWidth);
        if (sideA == 1 && sideB == 2) {
            addKey(binder, a, shift(b, leftWidth), leftKeys, rightKeys);
            return true;
        }
        if (sideA == 2 && sideB == 1) {
            addKey(binder, b, shift(a, leftWidth), leftKeys, rightKeys);
            return true;
        }
        return false;
    }

    /** 1: only left columns, 2: only right columns, 0: none or both. */
    private static int side(BoundExpression expression, int leftWidth) {
        BitSet used = new BitSet();
        Pruning.collect(expression, used);
        if (used.isEmpty()) {
            return 0;
        }
        if (used.nextSetBit(leftWidth) < 0) {
            return 1;
        }
        return used.nextSetBit(0) >= leftWidth ? 2 : 0;
    }

    private static BoundExpression shift(BoundExpression expression, int leftWidth) {
        BitSet used = new BitSet();
        Pruning.collect(expression, used);
        int[] mapping = new int[used.length()];
        for (int i = 0; i < mapping.length; i++) {
            mapping[i] = i - leftWidth;
        }
        return Pruning.remap(expression, mapping);
    }

    private static void addKey(ExpressionBinder binder, BoundExpression left, BoundExpression right,
                               List<BoundExpression> leftKeys, List<BoundExpression> rightKeys) {
        DataType leftBase = Types.base(left.type());
        DataType rightBase = Types.base(right.type());
        if (!leftBase.equals(rightBase)) {
            DataType common = Types.superType(leftBase, rightBase);
            left = cast(binder, left, common);
            right = cast(binder, right, common);
        }
        leftKeys.add(left);
        rightKeys.add(right);
    }

    private static BoundExpression cast(ExpressionBinder binder, BoundExpression expression, DataType type) {
        if (Types.base(expression.type()).equals(type)) {
            return expression;
        }
        DataType target = expression.type().isNullable() ? Types.makeNullable(type) : type;
        return binder.resolve("CAST", List.of(expression, new BoundExpression.Constant(Types.STRING, target.name())));
    }
}
