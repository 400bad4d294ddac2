package io.starling.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.StarlingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaGuesserTest {
    private static SchemaGuesser.Guess ndjson(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SchemaGuesser.fromNdjson(bytes, bytes.length, true, true);
    }

    private static SchemaGuesser.Guess csv(String text, boolean typeGuessing) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SchemaGuesser.fromCsv(bytes, bytes.length, true, null, typeGuessing);
    }

    private static List<String> entries(SchemaGuesser.Guess guess) {
        return guess.columns().stream().map(SchemaGuesser.GuessedColumn::schemaEntry).toList();
    }

    @Test
    void ndjsonFlattensObjectsArraysAndArraysOfObjects() {
        SchemaGuesser.Guess guess = ndjson("""
                {"id":1,"ts":"2024-01-01T10:00:00Z","nested":{"field":"a","n":2.5},"tags":["x","y"],"items":[{"productId":"p1","qty":2},{"productId":"p2","qty":3}],"ok":true}
                {"id":70000,"ts":"2024-01-02T10:00:00Z","nested":{"field":"b","n":3},"tags":[],"items":[{"productId":"p3","qty":1}],"ok":false,"extra":null}
                """);
        assertThat(entries(guess)).containsExactly(
                "id Int32 `json:$.id`",
                "ts DateTime `json:$.ts`",
                "nested_field String `json:$.nested.field`",
                "nested_n Float64 `json:$.nested.n`",
                "tags Array(String) `json:$.tags[:]`",
                "items__productId Array(String) `json:$.items[:].productId`",
                "items__qty Array(Int16) `json:$.items[:].qty`",
                "ok Bool `json:$.ok`",
                "extra Nullable(String) `json:$.extra`");
        assertThat(guess.columns().get(8).presentPct()).isZero();
        assertThat(guess.columns().get(0).presentPct()).isEqualTo(100.0);
        assertThat(guess.sortingKey()).isEqualTo("ts");
        assertThat(guess.partitionKey()).isEqualTo("toYear(ts)");
        assertThat(guess.preview()).hasSize(2);
        assertThat(guess.preview().get(0).get(5).toString()).isEqualTo("[\"p1\",\"p2\"]");
    }

    @Test
    void missingFieldsMakeNullableAndMixedValuesString() {
        SchemaGuesser.Guess guess = ndjson("""
                {"a":1,"b":"x","c":"2024-01-01 00:00:00.123"}
                {"b":2,"c":"2024-01-01 00:00:01.5","d":-5}
                not json

                """);
        assertThat(entries(guess)).containsExactly(
                "a Nullable(Int16) `json:$.a`",
                "b String `json:$.b`",
                "c DateTime64(3) `json:$.c`",
                "d Nullable(Int16) `json:$.d`");
        assertThat(guess.rowsRead()).isEqualTo(2);
        assertThat(guess.columns().get(0).presentPct()).isEqualTo(50.0);
    }

    @Test
    void wideIntegersPickWiderTypes() {
        SchemaGuesser.Guess guess = ndjson("{\"big\":9223372036854775808,\"neg\":-3000000000,\"f\":1e5}\n");
        assertThat(entries(guess)).containsExactly("big UInt64 `json:$.big`", "neg Int64 `json:$.neg`",
                "f Float64 `json:$.f`");
    }

    @Test
    void csvHeaderNamesAreNormalisedAndTypesGuessed() {
        SchemaGuesser.Guess guess = csv("""
                Event Time,User-ID,2nd value,Amount,day,label
                2024-01-01 00:00:00,17,3,1.5,2024-01-01,hello
                2024-01-01 00:00:01,18,,2,2024-01-02,"with, comma"
                """, true);
        assertThat(entries(guess)).containsExactly("event_time DateTime", "user_id Int16",
                "c_2nd_value Nullable(Int16)", "amount Float64", "day Date", "label String");
        assertThat(guess.preview().get(1).get(5).asText()).isEqualTo("with, comma");
        assertThat(guess.preview().get(0).get(1).asLong()).isEqualTo(17);
    }

    @Test
    void csvWithoutHeaderGetsNumberedColumnsAndTypeGuessingOffGivesStrings() {
        SchemaGuesser.Guess guess = csv("1;a\n2;b\n", true);
        assertThat(entries(guess)).containsExactly("column_00 Int16", "column_01 String");
        SchemaGuesser.Guess strings = csv("id,name\n1,a\n2,\n", false);
        assertThat(entries(strings)).containsExactly("id String", "name Nullable(String)");
    }

    @Test
    void aTruncatedSampleDropsItsLastPartialLine() {
        byte[] bytes = "{\"a\":1}\n{\"a\":\"tru".getBytes(StandardCharsets.UTF_8);
        SchemaGuesser.Guess guess = SchemaGuesser.fromNdjson(bytes, bytes.length, false, true);
        assertThat(entries(guess)).containsExactly("a Int16 `json:$.a`");
    }

    @Test
    void nothingToGuessFromFails() {
        assertThatThrownBy(() -> ndjson("nope\n")).isInstanceOf(StarlingException.class)
                .hasMessageContaining("schema=");
    }
}
