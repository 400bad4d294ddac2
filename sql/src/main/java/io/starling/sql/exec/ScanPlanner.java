package io.starling.sql.exec;

import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.exec.filter.FilterOperator;
import io.starling.sql.exec.project.ProjectOperator;
import io.starling.sql.exec.scan.GranuleScanOperator;
import io.starling.sql.exec.scan.ParallelOperator;
import io.starling.sql.exec.scan.ScanTask;
import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.optimizer.KeyCondition;
import io.starling.sql.optimizer.SkipIndexConditions;
import io.starling.sql.plan.BoundExpression;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.index.IndexPredicate;
import io.starling.storage.index.SkipIndexes;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Physical planning of MergeTree scans: primary-key and partition pruning from the filter right above a scan,
 * that filter evaluated as PREWHERE, count() answered from part row counts, and the chain of filters and
 * projections above a scan run on several threads when an order-insensitive consumer (aggregation, sort) reads it.
 */
final class ScanPlanner {
    /** Below this many granules a scan stays on the query's thread. */
    private static final int PARALLEL_MIN_GRANULES = 8;

    private ScanPlanner() {
    }

    static boolean isMergeTree(PlanNode.Scan scan) {
        return scan.table() instanceof MergeTreeTableSource;
    }

    /** A single-threaded scan (with PREWHERE when {@code node} is a Filter over the scan). */
    static Operator build(ExecutionContext context, Executor executor, PlanNode node) {
        ScanTask task = task(node);
        return new GranuleScanOperator(context, task, prewhere(node), true);
    }

    /** {@code node} built with its scan split over worker threads when it is a filter/project chain over a MergeTree scan. */
    static Operator buildParallel(ExecutionContext context, Executor executor, PlanNode node) {
        PlanNode bottom = scanOf(node);
        if (bottom == null) {
            return executor.build(node);
        }
        ScanTask task = task(bottom);
        int workers = ParallelOperator.defaultWorkers();
        if (workers < 2 || task.units() < PARALLEL_MIN_GRANULES) {
            return chain(context, executor, node, bottom, task, true);
        }
        return new ParallelOperator(context, task, workers, worker -> chain(context, executor, node, bottom, task, false));
    }

    /** The Scan, or Filter over Scan, at the bottom of a chain of Project/Filter nodes; null for other shapes. */
    private static PlanNode scanOf(PlanNode node) {
        while (true) {
            switch (node) {
                case PlanNode.Scan scan -> {
                    return isMergeTree(scan) ? scan : null;
                }
                case PlanNode.Filter filter when filter.input() instanceof PlanNode.Scan scan -> {
                    return isMergeTree(scan) ? filter : null;
                }
                case PlanNode.Filter filter -> node = filter.input();
                case PlanNode.Project project -> node = project.input();
                default -> {
                    return null;
                }
            }
        }
    }

    private static Operator chain(ExecutionContext context, Executor executor, PlanNode node, PlanNode bottom,
                                  ScanTask task, boolean ownsTask) {
        if (node == bottom) {
            return new GranuleScanOperator(context, task, prewhere(bottom), ownsTask);
        }
        if (node instanceof PlanNode.Project project && project.input() == bottom) {
            int[] outputs = columnsOf(project);
            if (outputs != null) {
                return new GranuleScanOperator(context, task, prewhere(bottom), ownsTask, outputs);
            }
        }
        return switch (node) {
            case PlanNode.Filter filter -> new FilterOperator(context,
                    chain(context, executor, filter.input(), bottom, task, ownsTask), filter.predicate());
            case PlanNode.Project project -> new ProjectOperator(context,
                    chain(context, executor, project.input(), bottom, task, ownsTask), project.expressions());
            default -> throw new IllegalStateException("Unexpected node in a scan chain: " + node.getClass());
        };
    }

    /**
     * A Project over a (filtered) MergeTree scan that only picks input columns (the column pruner's narrowing after
     * a filter), built as one scan that outputs those columns; null for other shapes.
     */
    static Operator buildProjection(ExecutionContext context, PlanNode.Project project) {
        int[] outputs = columnsOf(project);
        PlanNode input = project.input();
        boolean scan = input instanceof PlanNode.Scan s && isMergeTree(s)
                || input instanceof PlanNode.Filter f && f.input() instanceof PlanNode.Scan s2 && isMergeTree(s2);
        if (outputs == null || !scan) {
            return null;
        }
        return new GranuleScanOperator(context, task(input), prewhere(input), true, outputs);
    }

    /** The input column of each expression of {@code project}, or null when one is not a plain input column. */
    private static int[] columnsOf(PlanNode.Project project) {
        int[] columns = new int[project.expressions().size()];
        for (int i = 0; i < columns.length; i++) {
            if (!(project.expressions().get(i) instanceof BoundExpression.InputColumn input)) {
                return null;
            }
            columns[i] = input.index();
        }
        return columns;
    }

    private static BoundExpression prewhere(PlanNode node) {
        return node instanceof PlanNode.Filter filter ? filter.predicate() : null;
    }

    private static ScanTask task(PlanNode node) {
        PlanNode.Scan scan = node instanceof PlanNode.Filter filter ? (PlanNode.Scan) filter.input() : (PlanNode.Scan) node;
        MergeTreeTableSource table = (MergeTreeTableSource) scan.table();
        GranuleFilter condition = null;
        if (node instanceof PlanNode.Filter filter) {
            List<String> sortingKey = new ArrayList<>();
            for (String key : table.definition().sortingKey()) {
                sortingKey.add(key.strip().replace("`", ""));
            }
            List<DataType> types = scan.output().stream().map(ColumnDefinition::type).toList();
            condition = KeyCondition.of(filter.predicate(), scan.columns(), types, sortingKey);
            List<IndexPredicate> indexed = SkipIndexConditions.of(filter.predicate(), scan.columns(), types,
                    table.definition().indexes());
            if (!indexed.isEmpty()) {
                GranuleFilter skip = SkipIndexes.filter(indexed);
                condition = condition == null ? skip : SkipIndexes.and(condition, skip);
            }
        }
        KeyCondition keys = condition instanceof KeyCondition key ? key : null;
        if (keys == null && node instanceof PlanNode.Filter filter) {
            keys = KeyCondition.of(filter.predicate(), scan.columns(),
                    scan.output().stream().map(ColumnDefinition::type).toList(), sortingKey(table));
        }
        return new ScanTask(table, scan.columns(), condition, keys);
    }

    private static List<String> sortingKey(MergeTreeTableSource table) {
        List<String> sortingKey = new ArrayList<>();
        for (String key : table.definition().sortingKey()) {
            sortingKey.add(key.strip().replace("`", ""));
        }
        return sortingKey;
    }

    /** count() (any number of them) without keys directly over an unfiltered MergeTree scan. */
    static boolean isCountOfTable(PlanNode.Aggregate aggregate) {
        if (!aggregate.keys().isEmpty() || aggregate.aggregates().isEmpty()
                || !(aggregate.input() instanceof PlanNode.Scan scan) || !isMergeTree(scan)) {
            return false;
        }
        for (PlanNode.AggregateCall call : aggregate.aggregates()) {
            if (!call.arguments().isEmpty() || !AggregateFunctions.isPlainCount(call.function())) {
                return false;
            }
        }
        return true;
    }

    static Operator countOfTable(ExecutionContext context, PlanNode.Aggregate aggregate) {
        MergeTreeTableSource table = (MergeTreeTableSource) ((PlanNode.Scan) aggregate.input()).table();
        long rows;
        try (var snapshot = table.snapshot()) {
            rows = snapshot.rowCount();
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < aggregate.aggregates().size(); i++) {
            columns.add(new LongColumn(Types.UINT64, new long[] {rows}));
        }
        Block block = new Block(columns, 1);
        return new Operator(context) {
            private boolean done;

            @Override
            protected Block produce() {
                if (done) {
                    return null;
                }
                done = true;
                return block;
            }
        };
    }
}
