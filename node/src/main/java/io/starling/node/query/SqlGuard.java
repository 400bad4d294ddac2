package io.starling.node.query;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;
import java.util.Set;

/**
 * The Query API runs reads only. A statement that starts with another ClickHouse statement keyword (INSERT, CREATE,
 * DROP, ALTER, SYSTEM...) is refused with 1 UNSUPPORTED_METHOD; anything else is left to the parser, so a
 * misspelled query ({@code SELEC 1}) fails there with 62 SYNTAX_ERROR and the position, as in ClickHouse.
 */
public final class SqlGuard {
    /** Statement keywords of ClickHouse that are not reads (or not reads the Query API serves). */
    private static final Set<String> STATEMENTS = Set.of("INSERT", "CREATE", "ALTER", "DROP", "TRUNCATE", "DELETE",
            "UPDATE", "UPSERT", "MERGE", "RENAME", "EXCHANGE", "OPTIMIZE", "SYSTEM", "KILL", "GRANT", "REVOKE", "SET",
            "USE", "ATTACH", "DETACH", "UNDROP", "BACKUP", "RESTORE", "MOVE", "CHECK", "DESCRIBE", "DESC", "SHOW",
            "EXPLAIN", "EXISTS", "REPLACE", "WATCH", "BEGIN", "COMMIT", "ROLLBACK", "COPY");

    private SqlGuard() {
    }

    public static void checkReadOnly(String sql) {
        String keyword = firstKeyword(sql);
        if (start(sql) == sql.length()) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR,
                    "Empty query; pass a SELECT statement in the q parameter");
        }
        if (STATEMENTS.contains(keyword)) {
            throw new StarlingException(ErrorCode.UNSUPPORTED_METHOD, "Only SELECT or WITH queries are supported by the"
                    + " Query API, got [" + keyword + "]. Write data with the Data Sources API or the Events API");
        }
    }

    /** The first word of {@code sql}, upper case, skipping whitespace, comments and opening parentheses. */
    static String firstKeyword(String sql) {
        int start = start(sql);
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** Where the statement starts: after leading whitespace, comments and opening parentheses. */
    private static int start(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
