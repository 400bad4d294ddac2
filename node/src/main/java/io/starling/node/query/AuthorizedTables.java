package io.starling.node.query;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.catalog.DataSourceNames;
import io.starling.node.auth.Principal;
import io.starling.node.http.ApiProblem;
import io.starling.node.service.ServiceDataSources;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables one token may read in a query: data sources it has DATASOURCES:READ on (and their quarantine),
 * {@code tinybird.*} with an unscoped read; anything else is 403. A JWT's {@code filter} is applied to every
 * scan of its data source (row-level security).
 */
public final class AuthorizedTables implements TableProvider {
    private final TableProvider tables;
    private final CatalogView catalog;
    private final Principal principal;
    private final QueryEngine engine;
    private final Instant deadline;

    public AuthorizedTables(TableProvider tables, CatalogView catalog, Principal principal, QueryEngine engine,
                            Instant deadline) {
        this.tables = tables;
        this.catalog = catalog;
        this.principal = principal;
        this.engine = engine;
        this.deadline = deadline;
    }

    @Override
    public Optional<TableSource> table(String database, String name) {
        if (ServiceDataSources.DATABASE.equals(database)) {
            ApiProblem.require(principal.canReadServiceDataSources(), "Reading tinybird." + name
                    + " needs ADMIN, WORKSPACE:READ_ALL or an unscoped DATASOURCES:READ token.");
            return tables.table(database, name);
        }
        Optional<TableSource> source = tables.table(database, name);
        if (source.isEmpty()) {
            return source;
        }
        Optional<DataSourceSpec> owner = find(name);
        if (owner.isEmpty()) {
            return source;
        }
        DataSourceSpec dataSource = owner.get();
        ApiProblem.require(principal.canRead(dataSource.getName(), dataSource.getId()), "The token cannot read data "
                + "source [" + name + "]; it needs DATASOURCES:READ:" + dataSource.getName() + " (or ADMIN).");
        Optional<String> filter = principal.rowFilter(dataSource.getName(), dataSource.getId());
        return filter.map(condition -> (TableSource) new FilteredSource(source.get(), condition)).or(() -> source);
    }

    @Override
    public java.util.Set<String> hiddenFromStar(String database, String name) {
        return tables.hiddenFromStar(database, name);
    }

    private Optional<DataSourceSpec> find(String name) {
        Optional<DataSourceSpec> direct = byNameOrId(name);
        if (direct.isPresent()) {
            return direct;
        }
        String owner = DataSourceNames.quarantineOwner(name);
        return owner == null ? Optional.empty() : byNameOrId(owner);
    }

    private Optional<DataSourceSpec> byNameOrId(String name) {
        return catalog.current().getDataSourcesList().stream()
                .filter(dataSource -> dataSource.getName().equals(name) || dataSource.getId().equals(name))
                .findFirst();
    }

    /** A source whose scans only return rows matching a SQL condition (evaluated by the engine). */
    private final class FilteredSource implements TableSource {
        private final TableSource inner;
        private final String condition;

        FilteredSource(TableSource inner, String condition) {
            this.inner = inner;
            this.condition = condition;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<ColumnDefinition> columns() {
            return inner.columns();
        }

        @Override
        public BlockStream scan(List<String> columns, ScanStatistics statistics) {
            String select = columns.isEmpty() ? "1" : columns.stream().map(column -> "`" + column.replace("`", "\\`") + "`")
                    .collect(Collectors.joining(", "));
            String sql = "SELECT " + select + " FROM __filtered WHERE (" + condition + ")";
            TableProvider only = (database, table) -> "__filtered".equals(table) && database == null
                    ? Optional.of(inner) : Optional.empty();
            QueryResult result = engine.execute(sql, new QueryContext(only, deadline, Map.of()));
            Iterator<Block> blocks = result.blocks().iterator();
            return new BlockStream() {
                @Override
                public Block next() {
                    if (!blocks.hasNext()) {
                        return null;
                    }
                    Block block = blocks.next();
                    return columns.isEmpty() ? new Block(List.of(), block.rowCount()) : block;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
