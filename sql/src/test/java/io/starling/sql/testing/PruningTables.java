package io.starling.sql.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.MergeTreeTableSource;
import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.Values;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MergeTree tables of one pruning test, each opened under a name in a temporary directory and queried as
 * {@code events}. {@link #pruned} runs a query on a table and on a reference table that has neither a useful key
 * nor indexes: the answers must match, the reference must read every row and the table at most a bound.
 * Close it after the test.
 */
public final class PruningTables implements AutoCloseable {
    private final Path directory;
    private final String reference;
    private final long referenceRows;
    private final Map<String, MergeTreeTable> tables = new HashMap<>();
    private final QueryEngine engine = new QueryEngine();

    /** {@code reference} names the table every query is compared with; it holds {@code referenceRows} rows. */
    public PruningTables(Path directory, String reference, long referenceRows) {
        this.directory = directory;
        this.reference = reference;
        this.referenceRows = referenceRows;
    }

    /** Opens (or reopens, after {@link #close(String)}) table {@code name} and inserts each block as one part. */
    public MergeTreeTable open(String name, TableDefinition definition, Block... inserts) {
        MergeTreeTable table = MergeTreeTable.open(directory.resolve(name), definition, SqlKeyEvaluator.forTable(definition));
        for (Block block : inserts) {
            table.insert(block);
        }
        tables.put(name, table);
        return table;
    }

    /** Closes one table; its directory stays, for {@link #open} to read again. */
    public void close(String name) {
        MergeTreeTable table = tables.remove(name);
        if (table != null) {
            table.close();
        }
    }

    public QueryResult run(String table, String sql) {
        Map<String, TableSource> sources = Map.of("events", new MergeTreeTableSource("events", tables.get(table)));
        return engine.execute(sql, new QueryContext((database, name) -> Optional.ofNullable(sources.get(name)),
                Instant.now().plusSeconds(60), Map.of()));
    }

    public static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (Block block : result.blocks()) {
            for (int r = 0; r < block.rowCount(); r++) {
                List<Object> row = new ArrayList<>();
                for (Column column : block.columns()) {
                    row.add(Values.get(column, r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Runs {@code sql} on {@code table} and the reference table: same answer, the reference reads every row and
     * {@code table} at most {@code maxRows}. Returns the answer.
     */
    public List<List<Object>> pruned(String table, String sql, long maxRows) {
        QueryResult result = run(table, sql);
        QueryResult without = run(reference, sql);
        assertThat(rows(result)).as(sql).isEqualTo(rows(without));
        assertThat(without.rowsRead()).as(sql).isEqualTo(referenceRows);
        assertThat(result.rowsRead()).as(sql).isLessThanOrEqualTo(maxRows);
        return rows(result);
    }

    public static List<Object> row(Object... values) {
        return List.of(values);
    }

    @Override
    public void close() {
        tables.values().forEach(MergeTreeTable::close);
        tables.clear();
    }
}
