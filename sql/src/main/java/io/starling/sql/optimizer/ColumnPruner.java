package io.starling.sql.optimizer;

import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Projection pushdown: drops the columns no ancestor uses, down to the scans, through filters, projections,
 * sorts, limits, aggregations and joins (so a join reads only the columns the query needs from each side).
 * Other nodes keep all their columns. Rewritten Limit nodes are recorded old → new.
 */
final class ColumnPruner {
    /** A rewritten node and, per output column of the old node, its index in the new node (-1: dropped). */
    record Pruned(PlanNode node, int[] mapping) {
    }

    private final Map<PlanNode, PlanNode> limits;

    ColumnPruner(Map<PlanNode, PlanNode> limits) {
        this.limits = limits;
    }

    PlanNode pruneRoot(PlanNode node) {
        BitSet all = new BitSet();
        all.set(0, node.output().size());
        Pruned pruned = prune(node, all);
        // the root must keep every column, in order
        for (int i = 0; i < pruned.mapping().length; i++) {
            if (pruned.mapping()[i] != i) {
                return node;
            }
        }
        return pruned.node();
    }

    Pruned prune(PlanNode node, BitSet required) {
        return switch (node) {
            case PlanNode.Scan scan -> scan(scan, required);
            case PlanNode.Filter filter -> {
                BitSet need = (BitSet) required.clone();
                Expressions.collectInputs(filter.predicate(), need);
                Pruned input = prune(filter.input(), need);
                PlanNode.Filter rewritten = new PlanNode.Filter(input.node(), Expressions.remap(filter.predicate(),
                        input.mapping()));
                yield input.node() instanceof PlanNode.Scan ? narrow(rewritten, required, input.mapping())
                        : new Pruned(rewritten, input.mapping());
            }
            case PlanNode.Project project -> project(project, required);
            case PlanNode.Sort sort -> {
                BitSet need = (BitSet) required.clone();
                sort.keys().forEach(key -> need.set(key.column()));
                Pruned input = prune(sort.input(), need);
                List<PlanNode.SortKey> keys = sort.keys().stream().map(key -> new PlanNode.SortKey(
                        input.mapping()[key.column()], key.descending(), key.nullsFirst())).toList();
                yield new Pruned(new PlanNode.Sort(input.node(), keys), input.mapping());
            }
            case PlanNode.Limit limit -> {
                Pruned input = prune(limit.input(), required);
                PlanNode.Limit rewritten = new PlanNode.Limit(input.node(), limit.limit(), limit.offset());
                limits.put(limit, rewritten);
                yield new Pruned(rewritten, input.mapping());
            }
            case PlanNode.Aggregate aggregate -> {
                BitSet need = new BitSet();
                aggregate.keys().forEach(key -> Expressions.collectInputs(key, need));
                aggregate.aggregates().forEach(call -> call.arguments().forEach(a -> Expressions.collectInputs(a, need)));
                Pruned input = prune(aggregate.input(), need);
                List<PlanNode.AggregateCall> calls = aggregate.aggregates().stream().map(call -> new PlanNode.AggregateCall(
                        call.function(), Expressions.remapAll(call.arguments(), input.mapping()))).toList();
                yield new Pruned(new PlanNode.Aggregate(input.node(), Expressions.remapAll(aggregate.keys(), input.mapping()),
                        calls, aggregate.output()), identity(aggregate.output().size()));
            }
            case PlanNode.Join join -> join(join, required);
            case PlanNode.GroupingSets sets -> {
                BitSet need = new BitSet();
                sets.keys().forEach(key -> Expressions.collectInputs(key, need));
                sets.aggregates().forEach(call -> call.arguments().forEach(a -> Expressions.collectInputs(a, need)));
                Pruned input = prune(sets.input(), need);
                List<PlanNode.AggregateCall> calls = sets.aggregates().stream().map(call -> new PlanNode.AggregateCall(
                        call.function(), Expressions.remapAll(call.arguments(), input.mapping()))).toList();
                yield new Pruned(new PlanNode.GroupingSets(input.node(), Expressions.remapAll(sets.keys(), input.mapping()),
                        calls, sets.sets(), sets.totalsSlot(), sets.totalsHaving(), sets.output()),
                        identity(sets.output().size()));
            }
            case PlanNode.Fill fill -> keepAll(fill, fill.input(), input -> new PlanNode.Fill(input, fill.prefix(), fill.keys()));
            case PlanNode.LimitBy limitBy -> keepAll(limitBy, limitBy.input(),
                    input -> new PlanNode.LimitBy(input, limitBy.keys(), limitBy.limit(), limitBy.offset()));
            default -> new Pruned(node, identity(node.output().size()));
        };
    }

    /**
     * A filter over a scan that reads columns only its predicate needs: a Project picking the {@code required}
     * columns goes above it (the scan then evaluates the predicate as PREWHERE and outputs just those columns).
     * {@code mapping} maps the original filter's columns to the filter's; the result maps them to the Project's.
     */
    private static Pruned narrow(PlanNode.Filter filter, BitSet required, int[] mapping) {
        if (required.cardinality() >= filter.output().size()) {
            return new Pruned(filter, mapping);
        }
        int[] narrowed = new int[mapping.length];
        Arrays.fill(narrowed, -1);
        List<BoundExpression> expressions = new ArrayList<>();
        List<ColumnDefinition> output = new ArrayList<>();
        for (int i = required.nextSetBit(0); i >= 0 && i < mapping.length; i = required.nextSetBit(i + 1)) {
            int index = mapping[i];
            if (index < 0) {
                return new Pruned(filter, mapping);
            }
            narrowed[i] = expressions.size();
            ColumnDefinition column = filter.output().get(index);
            expressions.add(new BoundExpression.InputColumn(index, column.type()));
            output.add(column);
        }
        return new Pruned(new PlanNode.Project(filter, expressions, output), narrowed);
    }

    /** A node that needs every input column: prunes below it when that keeps the input's columns as they are. */
    private Pruned keepAll(PlanNode node, PlanNode input, java.util.function.Function<PlanNode, PlanNode> rebuild) {
        BitSet all = new BitSet();
        all.set(0, input.output().size());
        Pruned pruned = prune(input, all);
        for (int i = 0; i < pruned.mapping().length; i++) {
            if (pruned.mapping()[i] != i) {
                return new Pruned(node, identity(node.output().size()));
            }
        }
        return new Pruned(rebuild.apply(pruned.node()), identity(node.output().size()));
    }

    private Pruned scan(PlanNode.Scan scan, BitSet required) {
        BitSet used = (BitSet) required.clone();
        if (used.isEmpty()) {
            used.set(cheapest(scan.output()));
        }
        int[] mapping = new int[scan.output().size()];
        Arrays.fill(mapping, -1);
        List<String> columns = new ArrayList<>();
        List<ColumnDefinition> output = new ArrayList<>();
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            mapping[i] = columns.size();
            columns.add(scan.columns().get(i));
            output.add(scan.output().get(i));
        }
        return new Pruned(new PlanNode.Scan(scan.table(), columns, output), mapping);
    }

    private Pruned project(PlanNode.Project project, BitSet required) {
        BitSet keep = (BitSet) required.clone();
        if (keep.isEmpty() && !project.expressions().isEmpty()) {
            keep.set(0);
        }
        BitSet need = new BitSet();
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            Expressions.collectInputs(project.expressions().get(i), need);
        }
        Pruned input = prune(project.input(), need);
        int[] mapping = new int[project.expressions().size()];
        Arrays.fill(mapping, -1);
        List<BoundExpression> expressions = new ArrayList<>();
        List<ColumnDefinition> output = new ArrayList<>();
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            mapping[i] = expressions.size();
            expressions.add(Expressions.remap(project.expressions().get(i), input.mapping()));
            output.add(project.output().get(i));
        }
        return new Pruned(new PlanNode.Project(input.node(), expressions, output), mapping);
    }

    private Pruned join(PlanNode.Join join, BitSet required) {
        int leftWidth = join.left().output().size();
        int rightWidth = join.right().output().size();
        BitSet combined = (BitSet) required.clone();
        if (join.residual() != null) {
            Expressions.collectInputs(join.residual(), combined);
        }
        BitSet leftNeed = combined.get(0, leftWidth);
        BitSet rightNeed = combined.get(leftWidth, leftWidth + rightWidth);
        join.leftKeys().forEach(key -> Expressions.collectInputs(key, leftNeed));
        join.rightKeys().forEach(key -> Expressions.collectInputs(key, rightNeed));
        if (join.usingLeft() != null) {
            for (int index : join.usingLeft()) {
                leftNeed.set(index);
            }
        }
        if (join.usingRight() != null) {
            for (int index : join.usingRight()) {
                rightNeed.set(index);
            }
        }
        Pruned left = prune(join.left(), leftNeed);
        Pruned right = prune(join.right(), rightNeed);
        int newLeftWidth = left.node().output().size();
        int[] mapping = new int[leftWidth + rightWidth];
        for (int i = 0; i < leftWidth; i++) {
            mapping[i] = left.mapping()[i];
        }
        for (int i = 0; i < rightWidth; i++) {
            mapping[leftWidth + i] = right.mapping()[i] < 0 ? -1 : newLeftWidth + right.mapping()[i];
        }
        List<ColumnDefinition> output = new ArrayList<>(left.node().output());
        output.addAll(right.node().output());
        int[] usingLeft = join.usingLeft() == null ? null : remapIndexes(join.usingLeft(), left.mapping());
        int[] usingRight = join.usingRight() == null ? null : remapIndexes(join.usingRight(), right.mapping());
        PlanNode.Join rewritten = new PlanNode.Join(left.node(), right.node(), join.kind(), join.strictness(),
                Expressions.remapAll(join.leftKeys(), left.mapping()), Expressions.remapAll(join.rightKeys(), right.mapping()),
                join.residual() == null ? null : Expressions.remap(join.residual(), mapping), usingLeft, usingRight, output);
        return new Pruned(rewritten, mapping);
    }

    private static int[] remapIndexes(int[] indexes, int[] mapping) {
        int[] result = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            result[i] = mapping[indexes[i]];
        }
        return result;
    }

    private static int[] identity(int size) {
        int[] mapping = new int[size];
        for (int i = 0; i < size; i++) {
            mapping[i] = i;
        }
        return mapping;
    }

    private static int cheapest(List<ColumnDefinition> columns) {
        for (int i = 0; i < columns.size(); i++) {
            PhysicalKind kind = columns.get(i).type().physical();
            if (kind == PhysicalKind.LONG || kind == PhysicalKind.DOUBLE) {
                return i;
            }
        }
        return 0;
    }
}
