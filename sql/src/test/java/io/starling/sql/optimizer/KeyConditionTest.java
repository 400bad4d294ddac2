package io.starling.sql.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.catalog.SqlKeyEvaluator;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.GranuleReader;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Granule selection from the primary index: every granule holding a matching row must be selected, and a granule
 * reported exact must match on every row. Checked against the rows themselves over a part with 4-row granules.
 */
class KeyConditionTest {
    private static final DataType STRING = DataTypes.parse("String");
    private static final DataType DATETIME = DataTypes.parse("DateTime");
    private static final DataType UINT64 = DataTypes.parse("UInt64");
    private static final List<String> NAMES = List.of("k", "t", "v");
    private static final List<DataType> TYPES = List.of(STRING, DATETIME, UINT64);

    @TempDir
    Path directory;

    private MergeTreeTable table;
    private MergeTreeSnapshot snapshot;
    private DataPart part;

    @BeforeEach
    void load() {
        List<ColumnDefinition> columns = List.of(new ColumnDefinition("k", STRING), new ColumnDefinition("t", DATETIME),
                new ColumnDefinition("v", UINT64));
        TableDefinition definition = new TableDefinition(columns, "MergeTree", List.of("k", "t"), "",
                Map.of("index_granularity", "4"));
        table = MergeTreeTable.open(directory, definition, SqlKeyEvaluator.forTable(definition));
        int rows = 203;
        String[] keys = new String[rows];
        long[] times = new long[rows];
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            // runs of different lengths: "a" x 3, "b" x 40, "c" x 1, "d" x 90, "e" x rest
            keys[i] = i < 3 ? "a" : i < 43 ? "b" : i < 44 ? "c" : i < 134 ? "d" : "e";
            times[i] = 1_000 + i;
            values[i] = i % 7;
        }
        table.insert(new Block(List.of(StringColumn.of(keys), new LongColumn(DATETIME, times),
                new LongColumn(UINT64, values)), rows));
        snapshot = table.snapshot();
        assertThat(snapshot.parts()).hasSize(1);
        part = snapshot.parts().get(0);
        assertThat(part.granuleCount()).isGreaterThan(40);
    }

    @AfterEach
    void close() {
        snapshot.close();
        table.close();
    }

    @Test
    void prefixEqualityIsExactInsideTheRunAndSelectsItsEdges() {
        KeyCondition.Selection selection = select(call("equals", column(0), string("d")));
        check(selection, (k, t) -> k.equals("d"));
        // 90 rows of "d" span at least 20 granules whose both ends are "d"
        assertThat(selection.exact().cardinality()).isGreaterThanOrEqualTo(20);
        assertThat(selection.granules().cardinality()).isLessThanOrEqualTo(selection.exact().cardinality() + 2);
    }

    @Test
    void rangesOnTheSecondKeyColumnAreExactWhereTheFirstIsConstant() {
        KeyCondition.Selection selection = select(call("and", call("equals", column(0), string("d")),
                call("greaterOrEquals", column(1), time(1_050)), call("less", column(1), time(1_100))));
        check(selection, (k, t) -> k.equals("d") && t >= 1_050 && t < 1_100);
        assertThat(selection.exact().cardinality()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void secondKeyColumnAloneAndSetsAndStringRanges() {
        check(select(call("greater", column(1), time(1_150))), (k, t) -> t > 1_150);
        check(select(call("lessOrEquals", time(1_020), column(1))), (k, t) -> t >= 1_020);
        check(select(call("in", column(0), new BoundExpression.Constant(DataTypes.parse("Array(String)"),
                List.of("a", "c", "e")))), (k, t) -> k.equals("a") || k.equals("c") || k.equals("e"));
        check(select(call("and", call("greaterOrEquals", column(0), string("b")), call("less", column(0), string("d")))),
                (k, t) -> k.compareTo("b") >= 0 && k.compareTo("d") < 0);
        check(select(call("equals", column(0), string("zz"))), (k, t) -> false);
        check(select(call("equals", column(0), string("c"))), (k, t) -> k.equals("c"));
    }

    @Test
    void aConjunctOutsideTheKeyMeansNoGranuleIsExact() {
        KeyCondition.Selection selection = select(call("and", call("equals", column(0), string("d")),
                call("equals", column(2), new BoundExpression.Constant(UINT64, 3L))));
        assertThat(selection.exact().isEmpty()).isTrue();
        assertThat(selection.granules().cardinality()).isGreaterThanOrEqualTo(20);
        KeyCondition.Selection withFunction = select(call("and", call("equals", column(0), string("d")),
                call("notEquals", column(1), time(1_060))));
        assertThat(withFunction.exact().isEmpty()).isTrue();
    }

    private KeyCondition.Selection select(BoundExpression predicate) {
        KeyCondition condition = KeyCondition.of(predicate, NAMES, TYPES, List.of("k", "t"));
        assertThat(condition).isNotNull();
        KeyCondition.Selection selection = condition.select(part);
        assertThat(condition.granules(part)).isEqualTo(selection.granules());
        return selection;
    }

    /** Selected ⊇ granules with a matching row; exact ⊆ selected, and exact granules match on every row. */
    private void check(KeyCondition.Selection selection, BiPredicate<String, Long> matches) {
        List<ColumnDefinition> columns = List.of(new ColumnDefinition("k", STRING), new ColumnDefinition("t", DATETIME));
        BitSet needed = new BitSet();
        BitSet full = new BitSet();
        try (GranuleReader reader = part.granuleReader(columns, null)) {
            for (int g = 0; g < part.granuleCount(); g++) {
                Block block = reader.read(g);
                StringColumn keys = (StringColumn) block.column(0);
                LongColumn times = (LongColumn) block.column(1);
                int matching = 0;
                for (int row = 0; row < block.rowCount(); row++) {
                    matching += matches.test(keys.getString(row), times.getLong(row)) ? 1 : 0;
                }
                if (matching > 0) {
                    needed.set(g);
                }
                if (matching == block.rowCount()) {
                    full.set(g);
                }
            }
        }
        BitSet missing = (BitSet) needed.clone();
        missing.andNot(selection.granules());
        assertThat(missing.toString()).as("granules with matching rows that were skipped").isEqualTo("{}");
        BitSet notSelected = (BitSet) selection.exact().clone();
        notSelected.andNot(selection.granules());
        assertThat(notSelected.toString()).as("exact granules must be selected").isEqualTo("{}");
        BitSet wrong = (BitSet) selection.exact().clone();
        wrong.andNot(full);
        assertThat(wrong.toString()).as("exact granules with a row that does not match").isEqualTo("{}");
    }

    private static BoundExpression column(int index) {
        return new BoundExpression.InputColumn(index, TYPES.get(index));
    }

    private static BoundExpression string(String value) {
        return new BoundExpression.Constant(STRING, value);
    }

    private static BoundExpression time(long value) {
        return new BoundExpression.Constant(DATETIME, value);
    }

    private static BoundExpression call(String name, BoundExpression... arguments) {
        ScalarFunction function = ScalarFunction.of(name, ignored -> null);
        return new BoundExpression.Call(function, null, List.of(arguments), Types.UINT8);
    }
}
