package io.starling.datafiles.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

    @Test
    void parsesTheCanonicalSchemaBlock() {
        List<SchemaColumn> columns = SchemaParser.parse("""
                `timestamp` DateTime `json:$.timestamp`,
                `session_id` String `json:$.session_id`,
                `action` LowCardinality(String) `json:$.action`,
                `version` LowCardinality(String) `json:$.version`,
                `payload` String `json:$.payload`""");
        assertThat(columns).extracting(SchemaColumn::name)
                .containsExactly("timestamp", "session_id", "action", "version", "payload");
        assertThat(columns.get(0).type().name()).isEqualTo("DateTime");
        assertThat(columns.get(2).type().name()).isEqualTo("LowCardinality(String)");
        assertThat(columns.get(4).jsonPath()).isEqualTo("$.payload");
        assertThat(columns.get(0).defaultExpression()).isNull();
        assertThat(columns.get(0).codec()).isNull();
    }

    @Test
    void parsesTypesWithArgumentsDefaultsAndCodecs() {
        List<SchemaColumn> columns = SchemaParser.parse("""
                `timestamp` DateTime64(3, 'UTC') `json:$.timestamp` DEFAULT now() CODEC(DoubleDelta, ZSTD(1)),
                \t`tags` Array(Nullable(String)) `json:$.tags[:]`,
                `status` String `json:$.status` DEFAULT 'pending, or not',
                `score` Float32 DEFAULT if(1 > 0, toFloat32(0.5), 0),
                `items` Array(String) `json:$.items[:].productId` DEFAULT [],
                `id` UInt64 CODEC(ZSTD(1)),
                """);
        assertThat(columns).hasSize(6);
        SchemaColumn timestamp = columns.get(0);
        assertThat(timestamp.type().name()).isEqualTo("DateTime64(3, 'UTC')");
        assertThat(timestamp.jsonPath()).isEqualTo("$.timestamp");
        assertThat(timestamp.defaultExpression()).isEqualTo("now()");
        assertThat(timestamp.codec()).isEqualTo("DoubleDelta, ZSTD(1)");
        assertThat(columns.get(1).type().name()).isEqualTo("Array(Nullable(String))");
        assertThat(columns.get(2).defaultExpression()).isEqualTo("'pending, or not'");
        assertThat(columns.get(3).defaultExpression()).isEqualTo("if(1 > 0, toFloat32(0.5), 0)");
        assertThat(columns.get(4).jsonPath()).isEqualTo("$.items[:].productId");
        assertThat(columns.get(4).defaultExpression()).isEqualTo("[]");
        assertThat(columns.get(5).codec()).isEqualTo("ZSTD(1)");
    }

    @Test
    void acceptsBareAndQuotedNamesAndTheApiForm() {
        List<SchemaColumn> columns = SchemaParser.parse(
                "field String `json:$.field`, 'value' String 'json:$', \"n\" Int32, x String `json:$.status DEFAULT 'pending'`");
        assertThat(columns).extracting(SchemaColumn::name).containsExactly("field", "value", "n", "x");
        assertThat(columns.get(1).jsonPath()).isEqualTo("$");
        assertThat(columns.get(3).jsonPath()).isEqualTo("$.status");
        assertThat(columns.get(3).defaultExpression()).isEqualTo("'pending'");
    }

    @Test
    void readsMaterializedAndAliasColumnsAndExpressionDefaults() {
        List<SchemaColumn> columns = SchemaParser.parse("""
                `__value` String `json:$`,
                `id` String `json:$.id` DEFAULT JSONExtractString(__value, '_id'),
                `id_length` UInt64 MATERIALIZED length(id),
                `shout` String ALIAS upper(`id`) CODEC(ZSTD(1))""");
        assertThat(columns.get(1).defaultKind()).isEqualTo(io.starling.sql.format.input.IngestColumn.Kind.DEFAULT);
        assertThat(columns.get(1).defaultExpression()).isEqualTo("JSONExtractString(__value, '_id')");
        assertThat(columns.get(2).defaultKeyword()).isEqualTo("MATERIALIZED");
        assertThat(columns.get(2).defaultExpression()).isEqualTo("length(id)");
        assertThat(columns.get(3).defaultKeyword()).isEqualTo("ALIAS");
        assertThat(columns.get(3).defaultExpression()).isEqualTo("upper(`id`)");
        assertThat(columns.get(3).codec()).isEqualTo("ZSTD(1)");
    }

    @Test
    void badDefaultExpressionsAreRefusedNamingTheColumn() {
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int64, `b` Int64 DEFAULT no_such_column * 2"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("column [b]")
                .hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int64, `b` Int64 MATERIALIZED nosuchfunction(a)"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("column [b]");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int64, `b` Int64 `json:$.b` MATERIALIZED a + 1"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("Column [b]")
                .hasMessageContaining("jsonpath");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int64 MATERIALIZED 1"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("at least one column");
    }

    @Test
    void unknownTypesNameTheColumnAndLine() {
        assertThatThrownBy(() -> SchemaParser.parse("`a` String,\n`b` Strang"))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
                .hasMessageContaining("Column [b] (line 2)")
                .hasMessageContaining("Strang");
    }

    @Test
    void containersInsideNullableAreRefusedLikeClickHouseNamingTheColumn() {
        assertThatThrownBy(() -> SchemaParser.parse("`a` String,\n`tags` Nullable(Array(String)) `json:$.tags[:]`"))
                .isInstanceOf(StarlingException.class)
                .satisfies(e -> assertThat(((StarlingException) e).errorCode())
                        .isEqualTo(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT))
                .hasMessageContaining("Column [tags] (line 2)")
                .hasMessageContaining("Nested type Array(String) cannot be inside Nullable type")
                .hasMessageContaining("Array(Nullable(String))");
    }

    @Test
    void syntaxErrorsSayWhatToFix() {
        assertThatThrownBy(() -> SchemaParser.parse("`a`"))
                .satisfies(e -> assertThat(((StarlingException) e).errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR))
                .hasMessageContaining("Column [a] (line 1) has no type");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int32 DEFAULT"))
                .hasMessageContaining("DEFAULT without an expression");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int32, `a` String"))
                .hasMessageContaining("Column [a] (line 1) is defined twice");
        assertThatThrownBy(() -> SchemaParser.parse("`a` Int32 garbage"))
                .hasMessageContaining("unexpected text [garbage]");
        assertThatThrownBy(() -> SchemaParser.parse(" "))
                .hasMessageContaining("schema is empty");
    }
}
