package io.starling.sql.function.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.function.Argument;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.testing.Fixtures;
import io.starling.sql.testing.Tsv;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.StringType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** toNullable / toLowCardinality over LowCardinality: ClickHouse's types, and the column kind tables hold. */
class ToNullableLowCardinalityTest {
    private static final LowCardinalityType LOW_CARDINALITY_STRING = new LowCardinalityType(StringType.STRING);

    private final FunctionRegistry registry = FunctionRegistry.standard();

    private static LowCardinalityColumn lowCardinality(String... values) {
        ColumnBuilder builder = ColumnBuilder.forType(LOW_CARDINALITY_STRING, values.length);
        for (String value : values) {
            builder.appendString(value);
        }
        return (LowCardinalityColumn) builder.build();
    }

    private ScalarKernel resolve(String name, LowCardinalityColumn argument) {
        ScalarFunction function = registry.find(name).orElseThrow();
        assertThat(function.takesLowCardinality()).isTrue();
        return function.resolve(List.of(Argument.column(argument.type())));
    }

    @Test
    void toNullableOfLowCardinalityKeepsTheDictionaryAndMakesItNullable() {
        LowCardinalityColumn source = lowCardinality("view", "click", "view", "signup").region(1, 3);
        ScalarKernel kernel = resolve("toNullable", source);

        Column result = kernel.apply(new Operand[] {Operand.of(source)}, source.size());

        assertThat(kernel.resultType().name()).isEqualTo("LowCardinality(Nullable(String))");
        assertThat(result).isInstanceOf(LowCardinalityColumn.class);
        LowCardinalityColumn column = (LowCardinalityColumn) result;
        assertThat(column.type()).isEqualTo(DataTypes.parse("LowCardinality(Nullable(String))"));
        assertThat(column.dictionary()).isInstanceOf(NullableColumn.class);
        assertThat(((NullableColumn) column.dictionary()).values()).isSameAs(source.dictionary());
        assertThat(column.size()).isEqualTo(3);
        for (int row = 0; row < 3; row++) {
            assertThat(column.isNull(row)).isFalse();
            assertThat(column.code(row)).isEqualTo(source.code(row));
        }
    }

    @Test
    void toNullableAnswersTheColumnKindATableColumnOfThatTypeHas() {
        LowCardinalityColumn source = lowCardinality("a", "b");
        Column result = resolve("toNullable", source).apply(new Operand[] {Operand.of(source)}, 2);

        ColumnBuilder tableColumn = ColumnBuilder.forType(DataTypes.parse("LowCardinality(Nullable(String))"), 2);
        tableColumn.appendString("a");
        tableColumn.appendNull();
        LowCardinalityColumn stored = (LowCardinalityColumn) tableColumn.build();

        assertThat(result.getClass()).isEqualTo(stored.getClass());
        assertThat(result.type()).isEqualTo(stored.type());
        assertThat(((LowCardinalityColumn) result).dictionary().getClass()).isEqualTo(stored.dictionary().getClass());
        assertThat(((LowCardinalityColumn) result).dictionary().type()).isEqualTo(stored.dictionary().type());
    }

    @Test
    void toNullableOfANullableDictionaryIsTheSameColumn() {
        ColumnBuilder builder = ColumnBuilder.forType(DataTypes.parse("LowCardinality(Nullable(String))"), 2);
        builder.appendNull();
        builder.appendString("x");
        LowCardinalityColumn source = (LowCardinalityColumn) builder.build();
        ScalarKernel kernel = resolve("toNullable", source);

        assertThat(kernel.resultType()).isEqualTo(source.type());
        assertThat(kernel.apply(new Operand[] {Operand.of(source)}, 2)).isSameAs(source);
    }

    @Test
    void typesAndNullsMatchClickHouseThroughQueries() {
        QueryResult result = new QueryEngine().execute("SELECT toNullable(action) AS n, toTypeName(n),"
                + " toTypeName(toLowCardinality(toNullable('a'))), toTypeName(CAST(action AS Nullable(String))),"
                + " n IS NULL, isNull(n), toLowCardinality(nullIf(action, 'view')) AS m, isNull(m)"
                + " FROM events ORDER BY timestamp LIMIT 2", QueryContext.of(Fixtures.provider()));

        assertThat(result.columns().get(0).type().name()).isEqualTo("LowCardinality(Nullable(String))");
        assertThat(result.columns().get(6).type().name()).isEqualTo("LowCardinality(Nullable(String))");
        var block = result.blocks().get(0);
        assertThat(block.column(0)).isInstanceOf(LowCardinalityColumn.class);
        assertThat(((LowCardinalityColumn) block.column(6)).dictionary()).isInstanceOf(NullableColumn.class);
        String types = "LowCardinality(Nullable(String))\tLowCardinality(Nullable(String))\tNullable(String)";
        assertThat(Tsv.format(result)).isEqualTo("signup\t" + types + "\t0\t0\tsignup\t0\n"
                + "view\t" + types + "\t0\t0\t\\N\t1\n");
    }
}
