package io.starling.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.StarTransformer;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.parser.ast.UnionQuery;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ClickHouse grammar beyond plain SELECT: star transformers, grouping modifiers, fill, LIMIT BY, set operations, parameters. */
class GrammarParserTest {

    private static SelectQuery select(String sql) {
        return (SelectQuery) Parser.parse(sql).query();
    }

    @Test
    void starTransformersKeepTheirOrder() {
        Asterisk star = (Asterisk) select("SELECT t.* EXCEPT (a, b) REPLACE (x + 1 AS x) APPLY(toString) FROM t").select().get(0);
        assertThat(star.qualifier()).isEqualTo("t");
        assertThat(star.transformers()).hasSize(3);
        assertThat(star.transformers().get(0)).isEqualTo(new StarTransformer.Except(List.of("a", "b"), null, false));
        assertThat(star.transformers().get(1)).isInstanceOf(StarTransformer.Replace.class);
        assertThat(((StarTransformer.Apply) star.transformers().get(2)).function()).isEqualTo(Identifier.of("toString"));
    }

    @Test
    void columnsMatcherTakesARegexOrNames() {
        assertThat(((Asterisk) select("SELECT COLUMNS('^a') FROM t").select().get(0)).regex()).isEqualTo("^a");
        assertThat(((Asterisk) select("SELECT COLUMNS(a, b) FROM t").select().get(0)).names()).containsExactly("a", "b");
    }

    @Test
    void exceptAfterAStarIsATransformerButBeforeSelectASetOperation() {
        QueryNode query = Parser.parse("SELECT * FROM t EXCEPT SELECT * FROM u").query();
        assertThat(query).isInstanceOf(UnionQuery.class);
        assertThat(((UnionQuery) query).operator()).isEqualTo("EXCEPT");
    }

    @Test
    void rollupCubeAndGroupingSetsBecomePositions() {
        assertThat(select("SELECT 1 FROM t GROUP BY a, b WITH ROLLUP").groupingSets())
                .isEqualTo(List.of(List.of(0, 1), List.of(0), List.of()));
        assertThat(select("SELECT 1 FROM t GROUP BY CUBE(a, b)").groupingSets())
                .isEqualTo(List.of(List.of(0, 1), List.of(0), List.of(1), List.of()));
        SelectQuery sets = select("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), (b), ()) WITH TOTALS");
        assertThat(sets.groupBy()).containsExactly(Identifier.of("a"), Identifier.of("b"));
        assertThat(sets.groupingSets()).isEqualTo(List.of(List.of(0, 1), List.of(1), List.of()));
        assertThat(sets.withTotals()).isTrue();
    }

    @Test
    void withFillReadsFromToAndIntervalStep() {
        OrderItem item = select("SELECT d FROM t ORDER BY d DESC WITH FILL FROM 10 TO 1 STEP INTERVAL -1 DAY").orderBy().get(0);
        assertThat(item.descending()).isTrue();
        assertThat(item.fill().from()).isEqualTo(Literal.of(10L));
        assertThat(item.fill().to()).isEqualTo(Literal.of(1L));
        assertThat(((FunctionCall) item.fill().step()).name()).isEqualTo("toIntervalDay");
    }

    @Test
    void limitByComesBeforeAnOrdinaryLimit() {
        SelectQuery query = select("SELECT a FROM t LIMIT 1, 2 BY a, b LIMIT 5 OFFSET 1");
        assertThat(query.limitBy().limit()).isEqualTo(2);
        assertThat(query.limitBy().offset()).isEqualTo(1);
        assertThat(query.limitBy().by()).hasSize(2);
        assertThat(query.limit().limit()).isEqualTo(5);
        assertThat(query.limit().offset()).isEqualTo(1);
    }

    @Test
    void intersectBindsTighterThanUnionAndExceptTakesTheLeftUnion() {
        UnionQuery union = (UnionQuery) Parser.parse("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3").query();
        assertThat(union.operator()).isEqualTo(UnionQuery.UNION_ALL);
        assertThat(((UnionQuery) union.parts().get(1)).operator()).isEqualTo("INTERSECT");
        UnionQuery except = (UnionQuery) Parser.parse("SELECT 1 UNION ALL SELECT 2 EXCEPT DISTINCT SELECT 3").query();
        assertThat(except.operator()).isEqualTo("EXCEPT DISTINCT");
        assertThat(((UnionQuery) except.parts().get(0)).operator()).isEqualTo(UnionQuery.UNION_ALL);
    }

    @Test
    void mixedUnionModesFoldLeftToRight() {
        UnionQuery union = (UnionQuery) Parser.parse("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3").query();
        assertThat(union.operator()).isEqualTo(UnionQuery.UNION_DISTINCT);
        assertThat(((UnionQuery) union.parts().get(0)).operator()).isEqualTo(UnionQuery.UNION_ALL);
    }

    @Test
    void parametersBecomeTypedConstantsNotQueryText() {
        SelectQuery query = (SelectQuery) Parser.parse("SELECT {s:String}, {n:UInt8} FROM {t:Identifier} LIMIT {l:UInt32}",
                Map.of("s", "x' OR 1 = 1 --", "n", "7", "t", "db.events", "l", "3")).query();
        assertThat(query.select().get(0)).isEqualTo(Literal.of("x' OR 1 = 1 --"));
        assertThat(query.select().get(1).columnName()).isEqualTo("_CAST(7, 'UInt8')");
        assertThat(query.from()).isEqualTo(new TableExpression.TableName("db", "events", null));
        assertThat(query.limit().limit()).isEqualTo(3);
    }

    @Test
    void parameterErrorsUseClickHouseCodes() {
        assertThatThrownBy(() -> Parser.parse("SELECT {x:UInt8}"))
                .isInstanceOfSatisfying(StarlingException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.UNKNOWN_QUERY_PARAMETER);
                    assertThat(error.errorCode().code()).isEqualTo(456);
                    assertThat(error.getMessage()).contains("param_x");
                });
        assertThatThrownBy(() -> Parser.parse("SELECT {x:UInt8}", Map.of("x", "1; DROP TABLE t")))
                .isInstanceOfSatisfying(StarlingException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.BAD_QUERY_PARAMETER));
    }
}
