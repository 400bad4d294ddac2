package io.starling.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import org.junit.jupiter.api.Test;

class SqlGuardTest {

    @Test
    void selectsAndWithQueriesPass() {
        for (String sql : new String[] {"SELECT 1", "  select 1", "WITH x AS (SELECT 1) SELECT * FROM x",
                "(SELECT 1) UNION ALL (SELECT 2)", "-- comment\nSELECT 1", "/* a */ /* b */SELECT 1", "# note\nselect 1"}) {
            assertThatCode(() -> SqlGuard.checkReadOnly(sql)).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void everythingElseIsRefusedWithTheKeyword() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "drop table t", "/* SELECT */ ALTER TABLE t",
                "TRUNCATE t", "SYSTEM STOP MERGES", "show tables", "EXPLAIN SELECT 1"}) {
            assertThatThrownBy(() -> SqlGuard.checkReadOnly(sql)).as(sql)
                    .isInstanceOfSatisfying(StarlingException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_METHOD);
                        assertThat(e.errorCode().category().httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("Only SELECT or WITH");
                    });
        }
    }

    @Test
    void misspelledStatementsAreLeftToTheParserWhichReportsTheSyntaxError() {
        for (String sql : new String[] {"SELEC 1", "selectx 1", "(SELEC 1)", "1 + 1", "FROM t SELECT a"}) {
            assertThatCode(() -> SqlGuard.checkReadOnly(sql)).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void emptyQueriesAreSyntaxErrors() {
        for (String sql : new String[] {" -- nothing", "", " ( /* x */ "}) {
            assertThatThrownBy(() -> SqlGuard.checkReadOnly(sql)).as(sql)
                    .isInstanceOfSatisfying(StarlingException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR));
        }
    }

    @Test
    void firstKeywordSkipsCommentsAndParentheses() {
        assertThat(SqlGuard.firstKeyword("((  /* x */ with a")).isEqualTo("WITH");
        assertThat(SqlGuard.firstKeyword("")).isEmpty();
    }
}
