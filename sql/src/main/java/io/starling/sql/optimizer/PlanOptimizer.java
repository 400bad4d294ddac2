package io.starling.sql.optimizer;

import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a logical plan before execution: WHERE conjuncts move below joins ({@link FilterPushdown}), columns
 * nobody reads are dropped ({@link ColumnPruner}), and the expressions an aggregation groups by or aggregates are
 * computed by a Project below it (each distinct expression once), so they run inside the parallel scan
 * pipeline instead of on the aggregating thread. Pure function of the plan.
 */
public final class PlanOptimizer {
    private PlanOptimizer() {
    }

    /**
     * The optimised plan: columns no ancestor needs are dropped down to the scans, then aggregation inputs are
     * projected. {@code limits} receives old → new for every rewritten Limit node.
     */
    public static PlanNode optimize(PlanNode node, Map<PlanNode, PlanNode> limits) {
        Map<PlanNode, PlanNode> pushed = new java.util.IdentityHashMap<>();
        PlanNode result = new FilterPushdown(pushed).apply(node);
        Map<PlanNode, PlanNode> pruned = new java.util.IdentityHashMap<>();
        result = new ColumnPruner(pruned).pruneRoot(result);
        Map<PlanNode, PlanNode> projected = new java.util.IdentityHashMap<>();
        result = rewrite(result, projected);
        for (Map.Entry<PlanNode, PlanNode> entry : pushed.entrySet()) {
            limits.put(entry.getKey(), resolve(entry.getValue(), pruned, projected));
        }
        for (Map.Entry<PlanNode, PlanNode> entry : pruned.entrySet()) {
            limits.putIfAbsent(entry.getKey(), projected.getOrDefault(entry.getValue(), entry.getValue()));
        }
        for (Map.Entry<PlanNode, PlanNode> entry : projected.entrySet()) {
            limits.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** Where a Limit the pushdown produced ended up after pruning and projection. */
    private static PlanNode resolve(PlanNode node, Map<PlanNode, PlanNode> pruned, Map<PlanNode, PlanNode> projected) {
        PlanNode after = pruned.getOrDefault(node, node);
        return projected.getOrDefault(after, after);
    }

    private static PlanNode rewrite(PlanNode node, Map<PlanNode, PlanNode> limits) {
        if (node instanceof PlanNode.Limit limit) {
            PlanNode.Limit rewritten = new PlanNode.Limit(rewrite(limit.input(), limits), limit.limit(), limit.offset());
            limits.put(limit, rewritten);
            return rewritten;
        }
        return switch (node) {
            case PlanNode.Aggregate aggregate -> aggregateInputs(new PlanNode.Aggregate(rewrite(aggregate.input(), limits),
                    aggregate.keys(), aggregate.aggregates(), aggregate.output()));
            case PlanNode.Filter filter -> new PlanNode.Filter(rewrite(filter.input(), limits), filter.predicate());
            case PlanNode.Project project -> new PlanNode.Project(rewrite(project.input(), limits), project.expressions(),
                    project.output());
            case PlanNode.Sort sort -> new PlanNode.Sort(rewrite(sort.input(), limits), sort.keys());
            case PlanNode.Distinct distinct -> new PlanNode.Distinct(rewrite(distinct.input(), limits));
            case PlanNode.Join join -> new PlanNode.Join(rewrite(join.left(), limits), rewrite(join.right(), limits), join.kind(),
                    join.strictness(), join.leftKeys(), join.rightKeys(), join.residual(), join.usingLeft(),
                    join.usingRight(), join.output());
            case PlanNode.Union union -> new PlanNode.Union(union.inputs().stream().map(input -> rewrite(input, limits)).toList(),
                    union.output());
            case PlanNode.GroupingSets sets -> new PlanNode.GroupingSets(rewrite(sets.input(), limits), sets.keys(),
                    sets.aggregates(), sets.sets(), sets.totalsSlot(), sets.totalsHaving(), sets.output());
            case PlanNode.Fill fill -> new PlanNode.Fill(rewrite(fill.input(), limits), fill.prefix(), fill.keys());
            case PlanNode.LimitBy limitBy -> new PlanNode.LimitBy(rewrite(limitBy.input(), limits), limitBy.keys(),
                    limitBy.limit(), limitBy.offset());
            case PlanNode.SetOperation operation -> new PlanNode.SetOperation(rewrite(operation.left(), limits),
                    rewrite(operation.right(), limits), operation.except(), operation.all());
            default -> node;
        };
    }

    private static PlanNode aggregateInputs(PlanNode.Aggregate aggregate) {
        boolean trivial = true;
        for (BoundExpression key : aggregate.keys()) {
            trivial &= key instanceof BoundExpression.InputColumn;
        }
        for (PlanNode.AggregateCall call : aggregate.aggregates()) {
            for (BoundExpression argument : call.arguments()) {
                trivial &= argument instanceof BoundExpression.InputColumn;
            }
        }
        if (trivial) {
            return aggregate;
        }
        List<BoundExpression> projected = new ArrayList<>();
        List<ColumnDefinition> output = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<BoundExpression> keys = new ArrayList<>();
        for (BoundExpression key : aggregate.keys()) {
            keys.add(reference(key, projected, output, seen));
        }
        List<PlanNode.AggregateCall> calls = new ArrayList<>();
        for (PlanNode.AggregateCall call : aggregate.aggregates()) {
            List<BoundExpression> arguments = new ArrayList<>();
            for (BoundExpression argument : call.arguments()) {
                arguments.add(reference(argument, projected, output, seen));
            }
            calls.add(new PlanNode.AggregateCall(call.function(), arguments));
        }
        PlanNode input = new PlanNode.Project(aggregate.input(), projected, output);
        return new PlanNode.Aggregate(input, keys, calls, aggregate.output());
    }

    private static BoundExpression reference(BoundExpression expression, List<BoundExpression> projected,
                                             List<ColumnDefinition> output, Map<String, Integer> seen) {
        String key = key(expression);
        Integer index = seen.get(key);
        if (index == null) {
            index = projected.size();
            seen.put(key, index);
            projected.add(expression);
            output.add(new ColumnDefinition("__agg_input_" + index, expression.type()));
        }
        return new BoundExpression.InputColumn(index, expression.type());
    }

    /** A structural description: equal for expressions that compute the same values. */
    static String key(BoundExpression expression) {
        return switch (expression) {
            case BoundExpression.InputColumn input -> "$" + input.index();
            case BoundExpression.Constant constant -> constant.type().name() + ":" + constant.value();
            case BoundExpression.Call call when !call.function().deterministic() ->
                    "nondeterministic@" + System.identityHashCode(call);
            case BoundExpression.Call call -> {
                StringBuilder text = new StringBuilder(call.function().name()).append(':').append(call.type().name()).append('(');
                for (BoundExpression argument : call.arguments()) {
                    text.append(key(argument)).append(',');
                }
                yield text.append(')').toString();
            }
        };
    }
}
