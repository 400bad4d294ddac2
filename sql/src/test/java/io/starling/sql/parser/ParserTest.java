package io.starling.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.Statement;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.parser.ast.UnionQuery;
import io.starling.sql.parser.ast.WithItem;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static SelectQuery select(String sql) {
        return (SelectQuery) Parser.parse(sql).query();
    }

    @Test
    void syntaxErrorNamesPositionLineAndColumn() {
        assertThatThrownBy(() -> Parser.parse("SELECT count()\nFROM t\nWHERE x = = 1"))
                .isInstanceOf(StarlingException.class)
                .satisfies(error -> {
                    StarlingException exception = (StarlingException) error;
                    assertThat(exception.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(exception.errorCode().code()).isEqualTo(62);
                    assertThat(exception.getMessage())
                            .startsWith("Syntax error: failed at position 33 ('=') (line 3, col 11)")
                            .contains("Expected one of:");
                });
    }

    @Test
    void misspelledKeywordFailsAtTheNextUnexpectedToken() {
        assertThatThrownBy(() -> Parser.parse("SELECT a FRM t"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("(line 1, col 14)")
                .hasMessageContaining("('t')");
    }

    @Test
    void unterminatedStringIsASyntaxError() {
        assertThatThrownBy(() -> Parser.parse("SELECT 'abc"))
                .isInstanceOf(StarlingException.class)
                .hasMessageContaining("line 1, col 8");
    }

    @Test
    void missingSelectIsReported() {
        assertThatThrownBy(() -> Parser.parse("DELETE FROM t"))
                .hasMessageContaining("Expected one of: SELECT, WITH");
    }

    @Test
    void operatorsBecomeClickHouseFunctions() {
        SelectQuery query = select("SELECT a + b * 2, NOT x = 1 OR y AND z, s LIKE 'a%', v NOT IN (1, 2), -3, -c");
        assertThat(query.select()).extracting(expression -> expression.columnName()).containsExactly(
                "plus(a, multiply(b, 2))",
                "or(not(equals(x, 1)), and(y, z))",
                "like(s, 'a%')",
                "notIn(v, (1, 2))",
                "-3",
                "negate(c)");
    }

    @Test
    void castForms() {
        SelectQuery query = select("SELECT CAST(x AS Nullable(DateTime64(3, 'UTC'))), x::Int32, CAST(x, 'String')");
        assertThat(query.select()).extracting(expression -> expression.columnName()).containsExactly(
                "CAST(x, 'Nullable(DateTime64(3, \\'UTC\\'))')", "CAST(x, 'Int32')", "CAST(x, 'String')");
    }

    @Test
    void clausesAreParsed() {
        Statement statement = Parser.parse("WITH 5 AS k, t AS (SELECT 1) SELECT DISTINCT a AS x, b y FROM db.tbl AS z "
                + "WHERE a > k GROUP BY x HAVING count() > 1 ORDER BY x DESC NULLS FIRST, y LIMIT 10, 5 "
                + "SETTINGS max_threads = 2 FORMAT JSONEachRow;");
        SelectQuery query = (SelectQuery) statement.query();
        assertThat(statement.format()).isEqualTo("JSONEachRow");
        assertThat(statement.settings()).containsEntry("max_threads", "2");
        assertThat(query.with()).hasSize(2).element(1).isInstanceOf(WithItem.CommonTable.class);
        assertThat(query.distinct()).isTrue();
        assertThat(query.select()).allMatch(item -> item instanceof Alias);
        assertThat(query.from()).isEqualTo(new TableExpression.TableName("db", "tbl", "z"));
        assertThat(query.orderBy().get(0).descending()).isTrue();
        assertThat(query.orderBy().get(0).nullsFirst()).isTrue();
        assertThat(query.limit().limit()).isEqualTo(5);
        assertThat(query.limit().offset()).isEqualTo(10);
    }

    @Test
    void unionAllAndParametricAggregates() {
        Statement statement = Parser.parse("SELECT quantile(0.9)(x), count(DISTINCT y) FROM t UNION ALL SELECT 1, 2");
        assertThat(statement.query()).isInstanceOf(UnionQuery.class);
        SelectQuery first = (SelectQuery) ((UnionQuery) statement.query()).parts().get(0);
        FunctionCall quantile = (FunctionCall) first.select().get(0);
        assertThat(quantile.parameters()).hasSize(1);
        assertThat(((FunctionCall) first.select().get(1)).distinct()).isTrue();
    }

    @Test
    void literalsAndEscapes() {
        SelectQuery query = select("SELECT 'it''s', 'a\\tb', 18446744073709551615, 1.5e3, 0x10, [1, 2], NULL, true");
        assertThat(query.select()).extracting(expression -> expression.columnName()).containsExactly(
                "'it\\'s'", "'a\\tb'", "18446744073709551615", "1500.", "16", "[1, 2]", "NULL", "true");
    }

    @Test
    void intervalsAndCase() {
        SelectQuery query = select("SELECT d + INTERVAL 1 DAY, CASE WHEN a THEN 1 ELSE 2 END, CASE x WHEN 1 THEN 'a' END, arr[1]");
        assertThat(query.select()).extracting(expression -> expression.columnName()).containsExactly(
                "plus(d, toIntervalDay(1))", "multiIf(a, 1, 2)", "caseWithExpression(x, 1, 'a', NULL)", "arrayElement(arr, 1)");
    }

    @Test
    void joinsParseIntoATreeOfSources() {
        SelectQuery query = select("SELECT * FROM a AS l ANY LEFT JOIN b r ON l.x = r.x ARRAY JOIN tags AS t, c "
                + "LEFT ARRAY JOIN d JOIN e USING (k, m), f");
        TableExpression.Join cross = (TableExpression.Join) query.from();
        assertThat(cross.kind()).isEqualTo("CROSS");
        TableExpression.Join using = (TableExpression.Join) cross.left();
        assertThat(using.kind()).isEqualTo("INNER");
        assertThat(using.strictness()).isEqualTo("ALL");
        assertThat(using.using()).containsExactly("k", "m");
        TableExpression.ArrayJoin leftArray = (TableExpression.ArrayJoin) using.left();
        assertThat(leftArray.left()).isTrue();
        TableExpression.ArrayJoin arrayJoin = (TableExpression.ArrayJoin) leftArray.input();
        assertThat(arrayJoin.left()).isFalse();
        assertThat(arrayJoin.arrays()).hasSize(2);
        TableExpression.Join any = (TableExpression.Join) arrayJoin.input();
        assertThat(any.kind()).isEqualTo("LEFT");
        assertThat(any.strictness()).isEqualTo("ANY");
        assertThat(any.right().alias()).isEqualTo("r");
        assertThat(any.on().columnName()).isEqualTo("equals(l.x, r.x)");
    }

    @Test
    void joinWithoutConditionAndAsofAreRejected() {
        assertThatThrownBy(() -> Parser.parse("SELECT * FROM a JOIN b WHERE 1"))
                .isInstanceOf(StarlingException.class)
                .satisfies(error -> assertThat(((StarlingException) error).errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
        assertThatThrownBy(() -> Parser.parse("SELECT * FROM a ASOF JOIN b ON a.x = b.x"))
                .isInstanceOf(StarlingException.class)
                .satisfies(error -> assertThat(((StarlingException) error).errorCode()).isEqualTo(ErrorCode.NOT_IMPLEMENTED));
    }
}
