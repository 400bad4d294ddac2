package io.starling.node.deploy;

import io.starling.coordinator.deploy.ForwardQuery;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableSource;
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
 * Runs a deployment's forward select list over live rows and shapes the result as rows of the staged table: columns
 * matched by name, cast to the staged type when the query produced another; a staged column the query does not
 * produce takes its DEFAULT expression, else its type's default. One statement: the select list and the casts run
 * together, so a conversion error (a bad cast) fails the whole call and nothing is written. Thread-safe.
 */
final class ForwardRows {
    static final String LIVE = "__live";

    private final QueryEngine engine;

    ForwardRows(QueryEngine engine) {
        this.engine = engine;
    }

    /** The staged rows for the live rows of {@code source}; fails (StarlingException) when a row cannot convert. */
    List<Block> run(String selectList, TableSource source, DataSourceSpec staged, Instant deadline) {
        String sql = "SELECT " + shaping(selectList, staged) + " FROM (SELECT " + selectList + " FROM " + LIVE + ")";
        QueryResult result = engine.execute(sql, new QueryContext((database, name) ->
                (database == null || database.isEmpty()) && LIVE.equals(name) ? Optional.of(source) : Optional.empty(),
                deadline, Map.of()));
        List<Block> blocks = new ArrayList<>();
        for (Block block : result.blocks()) {
            if (block.rowCount() > 0) {
                blocks.add(assemble(staged, result.columns(), block));
            }
        }
        return blocks;
    }

    /** The outer select list: each staged column the inner query produces, cast to its staged type. */
    private static String shaping(String selectList, DataSourceSpec staged) {
        Set<String> produced = producedNames(selectList);
        List<String> items = new ArrayList<>();
        for (ColumnSpec column : staged.getColumnsList()) {
            String name = ForwardQuery.quote(column.getName());
            String type = "'" + column.getType().replace("\\", "\\\\").replace("'", "\\'") + "'";
            if (produced.contains(column.getName())) {
                items.add("CAST(" + name + ", " + type + ") AS " + name);
            } else if (column.hasDefaultExpression()) {
                items.add("CAST((" + column.getDefaultExpression() + "), " + type + ") AS " + name);
            }
        }
        if (items.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The FORWARD_QUERY of [" + staged.getName()
                    + "] produces none of its columns " + staged.getColumnsList().stream().map(ColumnSpec::getName)
                    .toList() + "; name the SELECT columns like the new schema's");
        }
        return String.join(", ", items);
    }

    /** Names an expanded select list produces: aliases, else bare (possibly quoted) column names. */
    static Set<String> producedNames(String selectList) {
        Set<String> names = new HashSet<>();
        for (String item : split(selectList)) {
            String alias = ForwardQuery.alias(item);
            String text = item.strip();
            if (alias != null) {
                names.add(alias);
            } else if (text.startsWith("`") && text.endsWith("`") && text.length() >= 2) {
                names.add(text.substring(1, text.length() - 1).replace("\\`", "`").replace("\\\\", "\\"));
            } else {
                names.add(text);
            }
        }
        return names;
    }

    private static List<String> split(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        return parts;
    }

    private static Block assemble(DataSourceSpec staged, List<ColumnDefinition> produced, Block block) {
        List<Column> columns = new ArrayList<>(staged.getColumnsCount());
        for (ColumnSpec column : staged.getColumnsList()) {
            int position = -1;
            for (int i = 0; i < produced.size(); i++) {
                if (produced.get(i).name().equals(column.getName())) {
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
}
