package io.starling.node.pipe;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.datafiles.pipe.PipeType;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.InsertHook;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incremental materialized views (spec data-plane §5.1): a pipe whose output node is {@code TYPE MATERIALIZED}
 * runs on every block appended to its source data source — the first data source its query reads, through earlier
 * nodes and other pipes — with the source table replaced by just that block; the result goes into the
 * {@code DATASOURCE} target (columns by name, cast to the target's types), and views on the target fire in turn.
 * Deletes and truncates of the source do not reach the target. {@link #populate} backfills a new view from all the
 * source's rows.
 *
 * <p>Atomicity (an insert and its views commit together or not at all): {@link #derive} computes every view's
 * output, cascades included, before anything is written, and the ingest path writes the block and all derived rows
 * in one {@link io.starling.storage.engine.TableTransaction}; a view that fails fails the append with nothing
 * written. A retried append with the same insert token is answered without running the views again.
 *
 * <p>Runs on the ingesting thread (blocking IO). Thread-safe.
 */
public final class MaterializedViews implements InsertHook {
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_CASCADE = 16;
    public static final String NULL_ENGINE = "Null";

    private final PipeRegistry pipes;
    private final QueryEngine engine;
    private final TableProvider tables;
    private final Replicas replicas;
    private final CatalogView catalog;
    /** Source data source name of each view, by pipe id and datafile hash. */
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    public MaterializedViews(PipeRegistry pipes, QueryEngine engine, TableProvider tables, Replicas replicas) {
        this.pipes = pipes;
        this.engine = engine;
        this.tables = tables;
        this.replicas = replicas;
        this.catalog = pipes.catalog();
    }

    /** ENGINE Null data sources keep nothing; their rows only feed their views. */
    public static boolean isNullEngine(DataSourceSpec dataSource) {
        return NULL_ENGINE.equalsIgnoreCase(dataSource.getEngine())
                || NULL_ENGINE.equalsIgnoreCase(dataSource.getDeclaredEngine());
    }

    @Override
    public boolean keepsRows(DataSourceSpec dataSource) {
        return !isNullEngine(dataSource);
    }

    /** Every view's rows for {@code block}, cascades included, computed without writing anything. */
    @Override
    public List<io.starling.node.ingest.DerivedRows> derive(DataSourceSpec dataSource, Block block) {
        List<io.starling.node.ingest.DerivedRows> derived = new ArrayList<>();
        cascade(dataSource, List.of(block), 0, derived);
        return derived;
    }

    /** Nothing: the views' rows were derived ({@link #derive}) and written with the block. */
    @Override
    public void afterInsert(DataSourceSpec dataSource, Block block) {
    }

    /** The views reading {@code dataSource}, in pipe creation order. */
    public List<LoadedPipe> viewsOf(String dataSourceName) {
        List<LoadedPipe> views = new ArrayList<>();
        for (LoadedPipe pipe : pipes.all()) {
            if (pipe.type() == PipeType.MATERIALIZED && dataSourceName.equals(sourceOf(pipe))) {
                views.add(pipe);
            }
        }
        return views;
    }

    /** The view's target data source; fails with 60 when it does not exist. */
    public DataSourceSpec targetOf(LoadedPipe view) {
        String target = view.outputNode().datasource();
        if (target == null || target.isBlank()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized pipe [" + view.name()
                    + "] has no DATASOURCE; add DATASOURCE <target> after TYPE MATERIALIZED");
        }
        return catalog.dataSource(target.strip()).orElseThrow(() -> new StarlingException(ErrorCode.UNKNOWN_TABLE,
                "Data source [" + target.strip() + "], the target of materialized pipe [" + view.name()
                        + "], does not exist; create it first"));
    }

    /**
     * The data source whose appends fire the view: the first data source its output node reads (found by running
     * it over empty tables, which also checks that it runs). Cached per datafile version.
     */
    public String sourceOf(LoadedPipe view) {
        String key = view.spec().getId() + "#" + view.spec().getDatafile().hashCode();
        String cached = sources.get(key);
        if (cached != null) {
            return cached;
        }
        String found = analyze(view);
        sources.put(key, found);
        return found;
    }

    /** Runs the view over empty tables: answers its source data source name, or throws what is wrong with it. */
    public String analyze(LoadedPipe view) {
        List<String> read = new ArrayList<>();
        TableProvider empty = (database, name) -> {
            if (database == null || database.isEmpty()) {
                Optional<DataSourceSpec> dataSource = dataSource(name);
                if (dataSource.isPresent()) {
                    read.add(dataSource.get().getName());
                    return Optional.of(ResultSource.ofBlocks(name, columns(dataSource.get()), List.of()));
                }
            }
            return tables.table(database, name);
        };
        QueryResult result = new PipeExecution(pipes, engine, empty, Map.of(), deadline()).runOutput(view);
        if (read.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized pipe [" + view.name()
                    + "] reads no data source, so no append would ever fire it; select FROM a data source");
        }
        DataSourceSpec target = targetOf(view);
        checkColumns(view, result, target);
        return read.getFirst();
    }

    /** Backfills the view's target from every row its source holds now (cascading to views on the target). */
    public long populate(LoadedPipe view) {
        QueryResult result = new PipeExecution(pipes, engine, tables, Map.of(), deadline()).runOutput(view);
        DataSourceSpec target = targetOf(view);
        List<Block> blocks = TargetRows.shape(engine, result, target, deadline());
        write(target, blocks);
        return result.rowCount();
    }

    /** Appends to {@code derived} what the views reading {@code source} make of {@code blocks}, then of their rows. */
    private void cascade(DataSourceSpec source, List<Block> blocks, int depth,
                         List<io.starling.node.ingest.DerivedRows> derived) {
        if (depth > MAX_CASCADE) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized views cascade more than " + MAX_CASCADE
                    + " levels from [" + source.getName() + "]; is there a cycle of views?");
        }
        for (LoadedPipe view : viewsOf(source.getName())) {
            DataSourceSpec target = targetOf(view);
            List<ColumnDefinition> columns = columns(source);
            TableProvider onlyNewRows = (database, name) -> (database == null || database.isEmpty())
                    && (name.equals(source.getName()) || name.equals(source.getId()))
                    ? Optional.<TableSource>of(ResultSource.ofBlocks(name, columns, blocks))
                    : tables.table(database, name);
            List<Block> rows;
            try {
                QueryResult result = new PipeExecution(pipes, engine, onlyNewRows, Map.of(), deadline()).runOutput(view);
                rows = TargetRows.shape(engine, result, target, deadline());
            } catch (StarlingException e) {
                throw new StarlingException(e.errorCode(), "Materialized view [" + view.name() + "] failed on rows "
                        + "appended to [" + source.getName() + "]; nothing was written: " + e.getMessage(), e);
            }
            if (rows.isEmpty()) {
                continue;
            }
            if (!isNullEngine(target)) {
                derived.add(new io.starling.node.ingest.DerivedRows(target, rows));
            }
            cascade(target, rows, depth + 1, derived);
        }
    }

    /** Writes rows into a data source (unless Null engine), then fires the views reading it. */
    public void insert(DataSourceSpec target, List<Block> blocks) {
        write(target, blocks);
    }

    /** Fires the views reading {@code dataSource} on rows it already holds (after a copy replaced its rows). */
    public void fire(DataSourceSpec dataSource, List<Block> blocks) {
        if (!blocks.isEmpty()) {
            List<io.starling.node.ingest.DerivedRows> derived = new ArrayList<>();
            cascade(dataSource, blocks, 0, derived);
            writeAll(derived);
        }
    }

    /**
     * Copies and populates: computes the views' rows first (a failing view writes nothing), then writes the rows and
     * the derived rows table by table (not one transaction: these are jobs, rerun on failure).
     */
    private void write(DataSourceSpec target, List<Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        List<io.starling.node.ingest.DerivedRows> derived = new ArrayList<>();
        if (!isNullEngine(target)) {
            derived.add(new io.starling.node.ingest.DerivedRows(target, blocks));
        }
        cascade(target, blocks, 0, derived);
        writeAll(derived);
    }

    private void writeAll(List<io.starling.node.ingest.DerivedRows> derived) {
        for (io.starling.node.ingest.DerivedRows rows : derived) {
            for (Block block : rows.blocks()) {
                IngestService.await(replicas.insert(DataSourceTables.table(rows.target()), block).toCompletableFuture());
            }
        }
    }

    private void checkColumns(LoadedPipe view, QueryResult result, DataSourceSpec target) {
        List<String> targetNames = target.getColumnsList().stream().map(ColumnSpec::getName).toList();
        boolean any = result.columns().stream().anyMatch(column -> targetNames.contains(column.name()));
        if (!any) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized pipe [" + view.name()
                    + "] produces none of the columns of [" + target.getName() + "] " + targetNames
                    + "; columns are matched by name");
        }
    }

    private Optional<DataSourceSpec> dataSource(String nameOrId) {
        return catalog.dataSource(nameOrId).or(() -> catalog.current().getDataSourcesList().stream()
                .filter(spec -> spec.getId().equals(nameOrId)).findFirst());
    }

    static List<ColumnDefinition> columns(DataSourceSpec dataSource) {
        List<ColumnDefinition> columns = new ArrayList<>(dataSource.getColumnsCount());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            columns.add(new ColumnDefinition(column.getName(), DataTypes.parseStored(column.getType())));
        }
        return columns;
    }

    private static Instant deadline() {
        return Instant.now().plus(VIEW_TIMEOUT);
    }

    static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
