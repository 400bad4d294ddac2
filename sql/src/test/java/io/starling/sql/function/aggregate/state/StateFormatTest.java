package io.starling.sql.function.aggregate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.SqlAggregateStateMerger;
import io.starling.sql.testing.Fixtures;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.AggregateFunctionType;
import io.starling.storage.type.DataTypes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The binary form of states is persisted in parts: these bytes must never change. */
class StateFormatTest {
    private final QueryEngine engine = new QueryEngine();

    private String stateHex(String expression) {
        QueryResult result = engine.execute("SELECT " + expression
                + " FROM (SELECT arrayJoin([3, 1, 2]) AS n, toString(n) AS s)", QueryContext.of(Fixtures.provider()));
        StringColumn states = (StringColumn) result.blocks().get(0).column(0);
        return HexFormat.of().formatHex(states.getBytes(0));
    }

    @Test
    void goldenBytes() {
        assertThat(stateHex("countState()")).isEqualTo("03");
        assertThat(stateHex("sumState(n)")).isEqualTo("0600000000000000");
        assertThat(stateHex("avgState(n)")).isEqualTo("0000000000001840" + "03");
        assertThat(stateHex("minState(s)")).isEqualTo("01" + "02" + "0131");
        assertThat(stateHex("maxState(n)")).isEqualTo("01" + "08" + "0300000000000000");
        assertThat(stateHex("argMaxState(s, n)")).isEqualTo("01" + "02" + "0133" + "08" + "0300000000000000");
        assertThat(stateHex("groupArrayState(s)")).isEqualTo("03" + "020133" + "020131" + "020132");
        // ClickHouse's layout: degree, count, then each hash (the low half of intHash64) as a little-endian UInt32
        String uniq = stateHex("uniqState(n)");
        assertThat(uniq).startsWith("00" + "03").hasSize(2 * (2 + 3 * 4));
        assertThat(java.util.List.of(uniq.substring(4, 12), uniq.substring(12, 20), uniq.substring(20, 28)))
                .containsExactlyInAnyOrder(littleEndianHash(1), littleEndianHash(2), littleEndianHash(3));
        assertThat(stateHex("quantileState(n)")).isEqualTo("03" + "03" + "0000000000000840"
                + "000000000000f03f" + "0000000000000040");
    }

    @Test
    void mergerCombinesStatesLikeTheMergeFunction() {
        AggregateFunctionType type = (AggregateFunctionType) DataTypes.parse("AggregateFunction(uniq, UInt64)");
        StateFunction function = StateFunction.of(type);
        StringColumn first = statesOf(function, 1, 2, 3);
        StringColumn second = statesOf(function, 3, 4);
        ColumnBuilder out = ColumnBuilder.forType(type, 1);
        SqlAggregateStateMerger.INSTANCE.merge(type, new Column[] {first, second}, new int[] {0, 0}, 2, out);
        StringColumn merged = (StringColumn) out.build();
        AggregateState state = function.newState();
        state.read(new StateInput(merged.getBytes(0), 0, merged.valueLength(0)));
        ColumnBuilder value = ColumnBuilder.forType(function.resultType(), 1);
        state.finish(value);
        assertThat(((io.starling.storage.column.LongColumn) value.build()).getLong(0)).isEqualTo(4);
    }

    private static String littleEndianHash(long value) {
        int hash = (int) io.starling.sql.function.hash.Murmur.fmix64(value);
        return HexFormat.of().formatHex(new byte[] {(byte) hash, (byte) (hash >>> 8), (byte) (hash >>> 16),
                (byte) (hash >>> 24)});
    }

    @Test
    void unknownStateFunctionSaysWhichExist() {
        assertThatThrownBy(() -> StateFunction.of((AggregateFunctionType) DataTypes.parse(
                "AggregateFunction(quantileTiming, UInt64)")))
                .isInstanceOf(StarlingException.class);
    }

    private static StringColumn statesOf(StateFunction function, long... values) {
        AggregateState state = function.newState();
        Column column = new io.starling.storage.column.LongColumn(io.starling.storage.type.IntegerType.UINT64, values);
        for (int i = 0; i < values.length; i++) {
            state.add(new Column[] {column}, i);
        }
        StateOutput out = new StateOutput();
        state.write(out);
        ColumnBuilder builder = ColumnBuilder.forType(function.type(), 1);
        builder.appendBytes(out.rawBytes(), 0, out.size());
        return (StringColumn) builder.build();
    }
}
