package io.starling.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.exec.ValueText;
import io.starling.sql.function.date.DateTimeParser;
import io.starling.sql.function.date.DateTimes;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlKeyEvaluatorTest {
    private static final List<ColumnDefinition> COLUMNS = List.of(
            new ColumnDefinition("timestamp", DataTypes.parse("DateTime")),
            new ColumnDefinition("tenant_id", DataTypes.parse("Int32")),
            new ColumnDefinition("user_id", DataTypes.parse("String")));

    private static Block block() {
        long first = DateTimeParser.parseDateTime("2024-01-15 10:00:00", DateTimes.UTC);
        long second = DateTimeParser.parseDateTime("2024-02-01 23:59:59", DateTimes.UTC);
        return Block.of(List.of(
                new LongColumn(DataTypes.parse("DateTime"), new long[] {first, second}),
                new LongColumn(DataTypes.parse("Int32"), new long[] {7, 3}),
                StringColumn.of("alice", "bob")));
    }

    private static TableDefinition table(String partitionKey, List<String> sortingKey) {
        return new TableDefinition(COLUMNS, "MergeTree", sortingKey, partitionKey, Map.of());
    }

    @Test
    void monthlyPartitionIdsAreNumbers() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("toYYYYMM(timestamp)", List.of()));
        assertThat(keys.partitionIds(block())).containsExactly("202401", "202402");
    }

    @Test
    void simpleAggregateFunctionColumnsBehaveAsTheirTypeInKeys() {
        // tenant_domains_mv of the web-analytics starter kit: ENGINE_PARTITION_KEY toYYYYMM(last_seen)
        DataType saf = DataTypes.parse("SimpleAggregateFunction(max, DateTime)");
        TableDefinition definition = new TableDefinition(List.of(new ColumnDefinition("domain", DataTypes.parse("String")),
                new ColumnDefinition("last_seen", saf)), "AggregatingMergeTree", List.of("domain"),
                "toYYYYMM(last_seen)", Map.of());
        long time = DateTimeParser.parseDateTime("2024-03-31 23:00:00", DateTimes.UTC);
        Block block = Block.of(List.of(StringColumn.of("a.com"), new LongColumn(saf, new long[] {time})));
        assertThat(SqlKeyEvaluator.forTable(definition).partitionIds(block)).containsExactly("202403");
    }

    @Test
    void datePartitionIdsAreCompactDates() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("toDate(timestamp)", List.of()));
        assertThat(keys.partitionIds(block())).containsExactly("20240115", "20240201");
    }

    @Test
    void noPartitionKeyMeansAll() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("", List.of()));
        assertThat(keys.partitionIds(block())).containsExactly("all", "all");
        assertThat(keys.sortingKey(block())).isEmpty();
    }

    @Test
    void stringPartitionIdsAreStableHexHashes() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("user_id", List.of()));
        String[] ids = keys.partitionIds(block());
        assertThat(ids[0]).matches("[0-9a-f]{32}").isNotEqualTo(ids[1]);
        assertThat(SqlKeyEvaluator.forTable(table("user_id", List.of())).partitionIds(block())).containsExactly(ids);
    }

    @Test
    void tuplePartitionKeysJoinParts() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("(tenant_id, toYYYYMM(timestamp))", List.of()));
        assertThat(keys.partitionIds(block())).containsExactly("7-202401", "3-202402");
    }

    @Test
    void runsOfOneKeyShareTheirIdAndEveryChangeStartsANewOne() {
        long january = DateTimeParser.parseDateTime("2024-01-15 10:00:00", DateTimes.UTC);
        long february = DateTimeParser.parseDateTime("2024-02-01 00:00:00", DateTimes.UTC);
        Block block = Block.of(List.of(
                new LongColumn(DataTypes.parse("DateTime"), new long[] {january, january + 60, january, february, february}),
                new LongColumn(DataTypes.parse("Int32"), new long[] {7, 7, 3, 3, 7}),
                StringColumn.of("a", "b", "c", "d", "e")));
        String[] ids = SqlKeyEvaluator.forTable(table("(tenant_id, toYYYYMM(timestamp))", List.of())).partitionIds(block);
        assertThat(ids).containsExactly("7-202401", "7-202401", "3-202401", "3-202402", "7-202402");
        assertThat(ids[1]).isSameAs(ids[0]);
    }

    @Test
    void sortingKeyExpressionsAreEvaluatedInOrder() {
        SqlKeyEvaluator keys = SqlKeyEvaluator.forTable(table("", List.of("tenant_id", "toDate(timestamp)")));
        List<Column> columns = keys.sortingKey(block());
        assertThat(columns).hasSize(2);
        assertThat(ValueText.toText(columns.get(0), 1)).isEqualTo("3");
        assertThat(ValueText.toText(columns.get(1), 0)).isEqualTo("2024-01-15");
        assertThat(columns.get(1).type().name()).isEqualTo("Date");
    }

    @Test
    void tupleSortingKeyIsSplit() {
        assertThat(SqlKeyEvaluator.split("(a, toDate(b), c)")).containsExactly("a", "toDate(b)", "c");
        assertThat(SqlKeyEvaluator.split("tuple()")).isEmpty();
        assertThat(SqlKeyEvaluator.split("toYYYYMM(ts)")).containsExactly("toYYYYMM(ts)");
    }
}
