package io.starling.sql.exec;

import io.starling.sql.exec.aggregate.DistinctOperator;
import io.starling.sql.exec.aggregate.HashAggregateOperator;
import io.starling.sql.exec.filter.FilterOperator;
import io.starling.sql.exec.limit.LimitOperator;
import io.starling.sql.exec.project.ProjectOperator;
import io.starling.sql.exec.scan.NumbersOperator;
import io.starling.sql.exec.scan.OneRowOperator;
import io.starling.sql.exec.scan.TableScanOperator;
import io.starling.sql.exec.sort.SortOperator;
import io.starling.sql.exec.union.UnionOperator;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import java.util.ArrayList;
import java.util.List;

/** Turns a logical plan into operators (one per node) and runs it to completion. */
public final class Executor {
    private final ExecutionContext context;
    /** Largest LIMIT + OFFSET answered by a heap instead of a full sort. */
    private static final long MAX_TOP_N = 100_000;

    private LimitOperator topLimit;
    /** Sorts below a Limit still to build, with their bound, and the top-N sorts built for them. */
    private final java.util.Map<PlanNode.Sort, Integer> topNs = new java.util.IdentityHashMap<>();
    private final java.util.Map<PlanNode.Sort, SortOperator> topSorts = new java.util.IdentityHashMap<>();
    private PlanNode.Limit topLimitNode;

    public Executor(ExecutionContext context) {
        this.context = context;
    }

    /**
     * The rows of a finished run. {@code rowsBeforeLimit} is -1 when the root has no LIMIT; {@code totals} is the
     * WITH TOTALS row, or null.
     */
    public record Result(List<Block> blocks, long rowsBeforeLimit, Block totals) {
        public Result(List<Block> blocks, long rowsBeforeLimit) {
            this(blocks, rowsBeforeLimit, null);
        }
    }

    /** Runs {@code plan}; {@code rowsBeforeLimit} is reported for {@code limitNode} (or -1 when it is null). */
    public Result run(PlanNode plan, PlanNode.Limit limitNode) {
        return run(plan, limitNode, null);
    }

    /** Runs {@code plan}, then {@code totalsPlan} (the WITH TOTALS row, null when none) once it has finished. */
    public Result run(PlanNode plan, PlanNode.Limit limitNode, PlanNode totalsPlan) {
        java.util.Map<PlanNode, PlanNode> limits = new java.util.IdentityHashMap<>();
        plan = io.starling.sql.optimizer.PlanOptimizer.optimize(plan, limits);
        topLimitNode = limitNode == null ? null : (PlanNode.Limit) limits.getOrDefault(limitNode, limitNode);
        List<Block> blocks = new ArrayList<>();
        // the answer is held in full until it is formatted; the reservation stays with the query's tracker
        QueryMemory.Reservation result = context.memory().reservation("result materialisation");
        try (Operator root = build(plan)) {
            Block block;
            while ((block = root.next()) != null) {
                blocks.add(block);
                result.grow(block.sizeInBytes());
            }
        }
        Block totals = null;
        if (totalsPlan != null) {
            try (Operator root = build(totalsPlan)) {
                Block block;
                while ((block = root.next()) != null) {
                    totals = totals == null ? block.region(0, 1) : totals;
                }
            }
        }
        return new Result(blocks, topLimit == null ? -1 : topLimit.rowsBeforeLimit(), totals);
    }

    public Operator build(PlanNode node) {
        return switch (node) {
            case PlanNode.Scan scan when ScanPlanner.isMergeTree(scan) -> ScanPlanner.build(context, this, scan);
            case PlanNode.Scan scan -> new TableScanOperator(context, scan.table(), scan.columns());
            case PlanNode.Filter filter when filter.input() instanceof PlanNode.Scan scan && ScanPlanner.isMergeTree(scan) ->
                    ScanPlanner.build(context, this, filter);
            case PlanNode.Numbers numbers -> new NumbersOperator(context, numbers.start(), numbers.count());
            case PlanNode.OneRow ignored -> new OneRowOperator(context);
            case PlanNode.Rows rows -> new io.starling.sql.exec.scan.RowsOperator(context, rows);
            case PlanNode.Filter filter -> new FilterOperator(context, build(filter.input()), filter.predicate());
            case PlanNode.Project project -> {
                Operator fused = ScanPlanner.buildProjection(context, project);
                yield fused != null ? fused : new ProjectOperator(context, build(project.input()), project.expressions());
            }
            case PlanNode.Aggregate aggregate when ScanPlanner.isCountOfTable(aggregate) ->
                    ScanPlanner.countOfTable(context, aggregate);
            case PlanNode.Aggregate aggregate -> new HashAggregateOperator(context,
                    ScanPlanner.buildParallel(context, this, aggregate.input()), aggregate.keys(), aggregate.aggregates());
            case PlanNode.Sort sort -> {
                Integer topN = topNs.remove(sort);
                SortOperator operator = new SortOperator(context, ScanPlanner.buildParallel(context, this, sort.input()),
                        sort.keys(), sort.output().stream().map(ColumnDefinition::type).toList(), topN == null ? -1 : topN);
                if (topN != null) {
                    topSorts.put(sort, operator);
                }
                yield operator;
            }
            case PlanNode.Distinct distinct -> new DistinctOperator(context, build(distinct.input()));
            case PlanNode.Union union -> new UnionOperator(context, union.inputs().stream().map(this::build).toList());
            case PlanNode.Limit limit -> limit(limit);
            case PlanNode.ArrayJoin arrayJoin -> new io.starling.sql.exec.join.ArrayJoinOperator(context,
                    build(arrayJoin.input()), arrayJoin.arrays(), arrayJoin.left(), arrayJoin.output());
            case PlanNode.Window window -> new io.starling.sql.exec.window.WindowOperator(context,
                    build(window.input()), window);
            case PlanNode.Join join -> new io.starling.sql.exec.join.HashJoinOperator(context, build(join.left()),
                    build(join.right()), join);
            case PlanNode.GroupingSets sets -> new io.starling.sql.exec.aggregate.GroupingSetsOperator(context,
                    ScanPlanner.buildParallel(context, this, sets.input()), sets);
            case PlanNode.Totals totals -> new io.starling.sql.exec.aggregate.TotalsOperator(context, totals.slot());
            case PlanNode.Fill fill -> new io.starling.sql.exec.fill.FillOperator(context, build(fill.input()), fill);
            case PlanNode.LimitBy limitBy -> new io.starling.sql.exec.limit.LimitByOperator(context,
                    build(limitBy.input()), limitBy.keys(), limitBy.limit(), limitBy.offset());
            case PlanNode.SetOperation operation -> new io.starling.sql.exec.setop.SetOperationOperator(context,
                    build(operation.left()), build(operation.right()), operation.except(), operation.all());
        };
    }

    private Operator limit(PlanNode.Limit node) {
        PlanNode.Sort sort = sortBelow(node.input());
        long bound = node.limit() + node.offset();
        if (sort != null && node.limit() >= 0 && node.offset() >= 0 && bound <= MAX_TOP_N) {
            topNs.put(sort, (int) bound);
        }
        LimitOperator operator = new LimitOperator(context, build(node.input()), node.limit(), node.offset(),
                materialised(node.input()));
        SortOperator topSort = sort == null ? null : topSorts.remove(sort);
        if (topSort != null) {
            operator.countRowsWith(topSort::inputRows);
        }
        if (node == topLimitNode) {
            topLimit = operator;
        }
        return operator;
    }

    /** The Sort a Limit reads through row-wise projections only, or null. */
    private static PlanNode.Sort sortBelow(PlanNode node) {
        while (node instanceof PlanNode.Project project) {
            node = project.input();
        }
        return node instanceof PlanNode.Sort sort ? sort : null;
    }

    /** True when the input is computed in full before its first block (sorted or aggregated). */
    private static boolean materialised(PlanNode node) {
        return switch (node) {
            case PlanNode.Sort ignored -> true;
            case PlanNode.Aggregate ignored -> true;
            case PlanNode.GroupingSets ignored -> true;
            case PlanNode.Fill ignored -> true;
            case PlanNode.LimitBy limitBy -> materialised(limitBy.input());
            case PlanNode.Project project -> materialised(project.input());
            case PlanNode.Distinct distinct -> materialised(distinct.input());
            case PlanNode.Filter filter -> materialised(filter.input());
            default -> false;
        };
    }
}
