package io.starling.sql.optimizer;

import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Moves WHERE conjuncts below joins: a conjunct that reads only left-side columns filters the left input of an
 * INNER, LEFT or CROSS join (each output row carries its left row's values unchanged there), and one that reads
 * only right-side columns filters the right input of an INNER join. A pushed filter over a MergeTree scan then
 * prunes granules by key and runs as PREWHERE, and the join probes fewer rows. Conjuncts that are not
 * deterministic, mix both sides or read no column stay above. Rewritten Limit nodes are recorded old → new.
 */
final class FilterPushdown {
    private final Map<PlanNode, PlanNode> limits;

    FilterPushdown(Map<PlanNode, PlanNode> limits) {
        this.limits = limits;
    }

    PlanNode apply(PlanNode node) {
        return switch (node) {
            case PlanNode.Filter filter when filter.input() instanceof PlanNode.Join join -> pushThrough(filter, join);
            case PlanNode.Filter filter -> rebuilt(filter, filter.input(), input -> new PlanNode.Filter(input, filter.predicate()));
            case PlanNode.Limit limit -> {
                PlanNode input = apply(limit.input());
                if (input == limit.input()) {
                    yield limit;
                }
                PlanNode.Limit rewritten = new PlanNode.Limit(input, limit.limit(), limit.offset());
                limits.put(limit, rewritten);
                yield rewritten;
            }
            case PlanNode.Project project -> rebuilt(project, project.input(),
                    input -> new PlanNode.Project(input, project.expressions(), project.output()));
            case PlanNode.Aggregate aggregate -> rebuilt(aggregate, aggregate.input(),
                    input -> new PlanNode.Aggregate(input, aggregate.keys(), aggregate.aggregates(), aggregate.output()));
            case PlanNode.Sort sort -> rebuilt(sort, sort.input(), input -> new PlanNode.Sort(input, sort.keys()));
            case PlanNode.Distinct distinct -> rebuilt(distinct, distinct.input(), PlanNode.Distinct::new);
            case PlanNode.GroupingSets sets -> rebuilt(sets, sets.input(), input -> new PlanNode.GroupingSets(input, sets.keys(),
                    sets.aggregates(), sets.sets(), sets.totalsSlot(), sets.totalsHaving(), sets.output()));
            case PlanNode.Join join -> {
                PlanNode left = apply(join.left());
                PlanNode right = apply(join.right());
                yield left == join.left() && right == join.right() ? join : withInputs(join, left, right);
            }
            default -> node;
        };
    }

    private PlanNode rebuilt(PlanNode node, PlanNode input, java.util.function.Function<PlanNode, PlanNode> rebuild) {
        PlanNode rewritten = apply(input);
        return rewritten == input ? node : rebuild.apply(rewritten);
    }

    private PlanNode pushThrough(PlanNode.Filter filter, PlanNode.Join join) {
        String kind = join.kind();
        boolean leftSafe = kind.equals("INNER") || kind.equals("LEFT") || kind.equals("CROSS");
        boolean rightSafe = kind.equals("INNER");
        int leftWidth = join.left().output().size();
        List<BoundExpression> conjuncts = new ArrayList<>();
        flatten(filter.predicate(), conjuncts);
        List<BoundExpression> toLeft = new ArrayList<>();
        List<BoundExpression> toRight = new ArrayList<>();
        List<BoundExpression> above = new ArrayList<>();
        for (BoundExpression conjunct : conjuncts) {
            BitSet used = new BitSet();
            Expressions.collectInputs(conjunct, used);
            if (used.isEmpty() || !deterministic(conjunct)) {
                above.add(conjunct);
            } else if (leftSafe && used.length() <= leftWidth) {
                toLeft.add(conjunct);
            } else if (rightSafe && used.nextSetBit(0) >= leftWidth) {
                toRight.add(conjunct);
            } else {
                above.add(conjunct);
            }
        }
        if (toLeft.isEmpty() && toRight.isEmpty()) {
            return rebuilt(filter, join, input -> new PlanNode.Filter(input, filter.predicate()));
        }
        PlanNode left = join.left();
        if (!toLeft.isEmpty()) {
            left = new PlanNode.Filter(left, conjunction(filter.predicate(), toLeft));
        }
        PlanNode right = join.right();
        if (!toRight.isEmpty()) {
            int[] mapping = new int[leftWidth + join.right().output().size()];
            for (int i = 0; i < mapping.length; i++) {
                mapping[i] = i - leftWidth;
            }
            List<BoundExpression> remapped = new ArrayList<>();
            for (BoundExpression conjunct : toRight) {
                remapped.add(Expressions.remap(conjunct, mapping));
            }
            right = new PlanNode.Filter(right, conjunction(filter.predicate(), remapped));
        }
        PlanNode rewritten = withInputs(join, apply(left), apply(right));
        return above.isEmpty() ? rewritten : new PlanNode.Filter(rewritten, conjunction(filter.predicate(), above));
    }

    private static PlanNode.Join withInputs(PlanNode.Join join, PlanNode left, PlanNode right) {
        return new PlanNode.Join(left, right, join.kind(), join.strictness(), join.leftKeys(), join.rightKeys(),
                join.residual(), join.usingLeft(), join.usingRight(), join.output());
    }

    private static void flatten(BoundExpression predicate, List<BoundExpression> conjuncts) {
        if (predicate instanceof BoundExpression.Call call && call.function().name().equals("and")) {
            for (BoundExpression argument : call.arguments()) {
                flatten(argument, conjuncts);
            }
            return;
        }
        conjuncts.add(predicate);
    }

    /** {@code parts} joined with the predicate's own {@code and} (its kernel takes any number of arguments). */
    private static BoundExpression conjunction(BoundExpression predicate, List<BoundExpression> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        BoundExpression.Call and = (BoundExpression.Call) predicate;
        return new BoundExpression.Call(and.function(), and.kernel(), parts, and.type());
    }

    private static boolean deterministic(BoundExpression expression) {
        if (expression instanceof BoundExpression.Call call) {
            if (!call.function().deterministic()) {
                return false;
            }
            for (BoundExpression argument : call.arguments()) {
                if (!deterministic(argument)) {
                    return false;
                }
            }
        }
        return true;
    }
}
