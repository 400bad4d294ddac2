package io.starling.node.pipe;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shapes a query result as rows of a target data source (materialized views and copies): columns matched by
 * name, whatever their order; each cast to the target's type; target columns the query does not produce take
 * their DEFAULT expression, else the type's default; MATERIALIZED and ALIAS columns are always computed; result columns the target lacks are ignored (ClickHouse's
 * INSERT ... SELECT into a view target). Blocking (runs one query); thread-safe.
 */
final class TargetRows {
    private static final String ROWS = "__rows";

    private TargetRows() {
    }

    /** The result as blocks in the target's column order and types. Fails when no column matches at all. */
    static List<Block> shape(QueryEngine engine, QueryResult result, DataSourceSpec target, Instant deadline) {
        if (result.rowCount() == 0) {
            return List.of();
        }
        Set<String> produced = new HashSet<>();
        for (ColumnDefinition column : result.columns()) {
            produced.add(column.name());
        }
        List<String> selected = new ArrayList<>();
        List<ColumnSpec> missing = new ArrayList<>();
        for (ColumnSpec column : target.getColumnsList()) {
            boolean computed = column.hasDefaultKind() && !column.getDefaultKind().equals("DEFAULT");
            if (produced.contains(column.getName()) && !computed) {
                selected.add(column.getType().equals(typeOf(result, column.getName()))
                        ? quote(column.getName())
                        : "CAST(" + quote(column.getName()) + ", '" + column.getType().replace("'", "\\'") + "') AS "
                                + quote(column.getName()));
            } else if (column.hasDefaultExpression()) {
                selected.add("CAST((" + column.getDefaultExpression() + "), '" + column.getType().replace("'", "\\'")
                        + "') AS " + quote(column.getName()));
            } else {
                missing.add(column);
            }
        }
        if (selected.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The query produces none of the columns of ["
                    + target.getName() + "] (it has " + target.getColumnsList().stream().map(ColumnSpec::getName).toList()
                    + "); name the SELECT columns like the target's");
        }
        ResultSource rows = ResultSource.of(ROWS, result);
        QueryResult cast = engine.execute("SELECT " + String.join(", ", selected) + " FROM " + ROWS,
                new QueryContext((database, name) -> database == null && ROWS.equals(name)
                        ? Optional.of(rows) : Optional.empty(), deadline, Map.of()));
        List<Block> blocks = new ArrayList<>();
        for (Block block : cast.blocks()) {
            if (block.rowCount() > 0) {
                blocks.add(assemble(target, cast.columns(), block));
            }
        }
        return blocks;
    }

    private static Block assemble(DataSourceSpec target, List<ColumnDefinition> castColumns, Block block) {
        List<Column> columns = new ArrayList<>(target.getColumnsCount());
        for (ColumnSpec column : target.getColumnsList()) {
            int position = -1;
            for (int i = 0; i < castColumns.size(); i++) {
                if (castColumns.get(i).name().equals(column.getName())) {
                    position = i;
                }
            }
            if (position >= 0) {
                columns.add(block.column(position));
            } else {
                DataType type = DataTypes.parseStored(column.getType());
                ColumnBuilder builder = ColumnBuilder.forType(type, block.rowCount());
                for (int row = 0; row < block.rowCount(); row++) {
                    builder.appendDefault();
                }
                columns.add(builder.build());
            }
        }
        return new Block(columns, block.rowCount());
    }

    private static String typeOf(QueryResult result, String name) {
        for (ColumnDefinition column : result.columns()) {
            if (column.name().equals(name)) {
                return column.type().name();
            }
        }
        return "";
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }
}
