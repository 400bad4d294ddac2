package io.starling.node.deploy;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.QueryEngine;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a materialized view's pipe over given source blocks, for recomputing its target during a deployment. */
final class MaterializedViewRows {
    private final QueryEngine engine;
    private final ForwardRows forwardRows;

    MaterializedViewRows(QueryEngine engine, ForwardRows forwardRows) {
        this.engine = engine;
        this.forwardRows = forwardRows;
    }

    /** The view's rows for {@code blocks} of its source, shaped as rows of {@code target}. */
    List<Block> rows(io.starling.node.pipe.PipeRegistry pipes, io.starling.node.pipe.LoadedPipe pipe,
                             String sourceName, String sourceId, List<ColumnDefinition> columns,
                             java.util.function.Supplier<java.util.Iterator<Block>> blocks,
                             io.starling.sql.catalog.TableProvider tables, DataSourceSpec target) {
        io.starling.sql.catalog.TableProvider provider = (database, name) -> (database == null || database.isEmpty())
                && (name.equals(sourceName) || name.equals(sourceId))
                ? Optional.<io.starling.sql.catalog.TableSource>of(new BlocksSource(name, columns, blocks))
                : tables.table(database, name);
        io.starling.sql.QueryResult result = new io.starling.node.pipe.PipeExecution(pipes, engine, provider, Map.of(),
                Backfill.taskDeadline()).runOutput(pipe);
        java.util.Set<String> targetNames = new java.util.HashSet<>();
        target.getColumnsList().forEach(column -> targetNames.add(column.getName()));
        List<String> select = new ArrayList<>();
        for (ColumnDefinition column : result.columns()) {
            if (targetNames.contains(column.name())) {
                select.add(io.starling.coordinator.deploy.ForwardQuery.quote(column.name()));
            }
        }
        if (select.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized pipe [" + pipe.name() + "] produces "
                    + "none of the columns of [" + target.getName() + "]; name its SELECT columns like the target's");
        }
        return forwardRows.run(String.join(", ", select), BlocksSource.of(ForwardRows.LIVE, result.columns(),
                result.blocks()), target, Backfill.taskDeadline());
    }

    /** The data source whose appends fire the view: the first one its output reads (run over empty tables). */
    DataSourceSpec sourceOf(io.starling.node.pipe.PipeRegistry pipes, io.starling.node.pipe.LoadedPipe pipe,
                             CatalogView view, io.starling.sql.catalog.TableProvider tables) {
        List<DataSourceSpec> read = new ArrayList<>();
        io.starling.sql.catalog.TableProvider empty = (database, name) -> {
            if (database == null || database.isEmpty()) {
                Optional<DataSourceSpec> found = view.dataSource(name);
                if (found.isPresent()) {
                    read.add(found.get());
                    return Optional.of(BlocksSource.of(name, DeploymentManager.columns(found.get()), List.of()));
                }
            }
            return tables.table(database, name);
        };
        new io.starling.node.pipe.PipeExecution(pipes, engine, empty, Map.of(), Backfill.taskDeadline()).runOutput(pipe);
        if (read.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Materialized pipe [" + pipe.name() + "] reads no data "
                    + "source; select FROM a data source");
        }
        return read.getFirst();
    }
}
