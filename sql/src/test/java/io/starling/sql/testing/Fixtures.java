package io.starling.sql.testing;

import io.starling.sql.catalog.TableProvider;
import io.starling.sql.catalog.TableSource;
import io.starling.sql.function.date.DateTimeParser;
import io.starling.sql.function.date.DateTimes;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test tables: {@code events} (300 rows from fixtures/events.tsv, split into blocks of 128 rows so operators
 * see several blocks) and {@code events_empty} (same columns, no rows).
 */
public final class Fixtures {
    public static final List<ColumnDefinition> EVENT_COLUMNS = List.of(
            new ColumnDefinition("timestamp", DataTypes.parse("DateTime")),
            new ColumnDefinition("user_id", DataTypes.parse("String")),
            new ColumnDefinition("action", DataTypes.parse("LowCardinality(String)")),
            new ColumnDefinition("amount", DataTypes.parse("Float64")),
            new ColumnDefinition("tenant_id", DataTypes.parse("Int32")),
            new ColumnDefinition("tags", DataTypes.parse("Array(String)")),
            new ColumnDefinition("note", DataTypes.parse("Nullable(String)")));

    private static final int BLOCK_ROWS = 128;

    private Fixtures() {
    }

    public static TableProvider provider() {
        Map<String, TableSource> tables = Map.of(
                "events", events(),
                "events_empty", new InMemoryTable("events_empty", EVENT_COLUMNS, List.of()));
        return (database, name) -> database == null || database.equals("default")
                ? Optional.ofNullable(tables.get(name)).or(() -> name.startsWith("engine_")
                        ? EngineTables.table(name) : Optional.empty()) : Optional.empty();
    }

    public static InMemoryTable events() {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/events.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += BLOCK_ROWS) {
            blocks.add(block(rows.subList(start, Math.min(rows.size(), start + BLOCK_ROWS))));
        }
        return new InMemoryTable("events", EVENT_COLUMNS, blocks);
    }

    private static Block block(List<String[]> rows) {
        List<ColumnBuilder> builders = new ArrayList<>();
        for (ColumnDefinition column : EVENT_COLUMNS) {
            builders.add(ColumnBuilder.forType(column.type(), rows.size()));
        }
        for (String[] row : rows) {
            builders.get(0).appendLong(DateTimeParser.parseDateTime(row[0], DateTimes.UTC));
            builders.get(1).appendString(row[1]);
            builders.get(2).appendString(row[2]);
            builders.get(3).appendDouble(Double.parseDouble(row[3]));
            builders.get(4).appendLong(Long.parseLong(row[4]));
            ArrayColumnBuilder tags = (ArrayColumnBuilder) builders.get(5);
            if (!row[5].isEmpty()) {
                for (String tag : row[5].split(",")) {
                    tags.elements().appendString(tag);
                }
            }
            tags.closeArray();
            if (row[6].equals("\\N")) {
                builders.get(6).appendNull();
            } else {
                builders.get(6).appendString(row[6]);
            }
        }
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        return new Block(columns, rows.size());
    }
}
