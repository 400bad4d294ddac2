package io.starling.node.cluster.query;

import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.sql.QueryContext;
import io.starling.sql.catalog.SplittableTableSource;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replicated table read across its shards. A top-level {@code SELECT ... FROM} it (or FROM a chain of subqueries
 * over it) is split by {@link FragmentPlanner} (filter, partial aggregation or top-N run on the shards, also through
 * row-by-row subqueries; the merge runs here), else by {@link ScanPushdown} (WHERE and needed columns on the
 * shards), else its innermost splittable SELECT is. Any other use (joins, IN subqueries, FINAL) reads it through
 * {@link #scan}: a fragment per shard that streams the needed columns. Thread-safe; created per query resolution.
 */
public final class DistributedTableSource implements SplittableTableSource {
    /** How long a plain scan (which does not know its query's deadline) may wait for a shard. */
    static final Duration SCAN_DEADLINE = Duration.ofSeconds(120);

    private final String name;
    private final TableSpec table;
    private final ShardReader reads;
    private final List<ColumnDefinition> columns;

    public DistributedTableSource(String name, TableSpec table, ShardReader reads) {
        this.name = name;
        this.table = table;
        this.reads = reads;
        this.columns = TableSpecs.toDefinition(table).columns();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public BlockStream scan(List<String> names, ScanStatistics statistics) {
        return scan(names, statistics, false);
    }

    @Override
    public BlockStream scanFinal(List<String> names, ScanStatistics statistics) {
        return scan(names, statistics, true);
    }

    private BlockStream scan(List<String> names, ScanStatistics statistics, boolean isFinal) {
        Instant deadline = Instant.now().plus(SCAN_DEADLINE);
        if (!names.isEmpty()) {
            return reads.scan(table, names, isFinal, deadline, statistics);
        }
        BlockStream stream = reads.run(table, FragmentPlanner.scanSql(names, isFinal), Map.of(), deadline, statistics);
        // No column asked (count() over a join side): the fragment sent a constant; keep only the row counts.
        return new BlockStream() {
            @Override
            public Block next() {
                Block block = stream.next();
                return block == null ? null : new Block(List.of(), block.rowCount());
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public Optional<SplitQuery> split(SelectQuery query, QueryContext context) {
        String isFinal = context.settings().get("final");
        if (isFinal != null && !isFinal.equals("0") && !isFinal.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        Optional<FragmentPlanner.Plan> plan = plan(query, columns.stream().map(ColumnDefinition::name).toList());
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnDefinition> schema = schema(plan.get().fragmentSql(), context);
        String sql = plan.get().fragmentSql();
        TableSource fragments = new FragmentResultSource(FragmentPlanner.FRAGMENTS_TABLE, schema,
                statistics -> reads.run(table, sql, context.settings(), context.deadline(), statistics));
        TableProvider original = context.tables();
        TableProvider tables = (database, tableName) -> (database == null || database.isEmpty())
                && FragmentPlanner.FRAGMENTS_TABLE.equals(tableName) ? Optional.of(fragments)
                : original.table(database, tableName);
        return Optional.of(new SplitQuery(plan.get().mergeQuery(), tables));
    }

    /**
     * The split of {@code query}: {@link FragmentPlanner}'s, else {@link ScanPushdown}'s (WHERE and columns on the
     * shards), else, when FROM is a subquery, the split of that subquery with the query around it kept as it is.
     */
    static Optional<FragmentPlanner.Plan> plan(SelectQuery query, List<String> columns) {
        Optional<FragmentPlanner.Plan> plan = FragmentPlanner.plan(query, columns)
                .or(() -> ScanPushdown.plan(query, columns));
        // A WITH anywhere on the way stops the descent: its names could shadow the table's.
        if (plan.isPresent() || !query.with().isEmpty() || !(query.from() instanceof TableExpression.Subquery subquery)
                || !(subquery.query() instanceof SelectQuery inner)) {
            return plan;
        }
        return plan(inner, columns).map(split -> new FragmentPlanner.Plan(split.fragmentSql(),
                new SelectQuery(query.with(), query.distinct(), query.select(),
                        new TableExpression.Subquery(split.mergeQuery(), subquery.alias()), query.where(),
                        query.groupBy(), query.having(), query.orderBy(), query.limit(), query.groupingSets(),
                        query.withTotals(), query.limitBy(), query.qualify()), split.aggregating()));
    }

    /** The fragment's result columns: the fragment analysed here over an empty table of this table's columns. */
    private List<ColumnDefinition> schema(String fragmentSql, QueryContext context) {
        TableSource empty = new FragmentResultSource(FragmentPlanner.SHARD_TABLE, columns,
                statistics -> new BlockStream() {
                    @Override
                    public Block next() {
                        return null;
                    }

                    @Override
                    public void close() {
                    }
                });
        QueryContext probe = new QueryContext((database, tableName) -> FragmentPlanner.SHARD_TABLE.equals(tableName)
                ? Optional.of(empty) : Optional.empty(), context.deadline(), context.settings());
        return reads.engine().execute(fragmentSql, probe).columns();
    }
}
