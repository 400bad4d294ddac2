package io.starling.node.query;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;

/** The Query API runs reads only: the first keyword must be SELECT or WITH (after comments and parentheses). */
public final class SqlGuard {
    private SqlGuard() {
    }

    public static void checkReadOnly(String sql) {
        String keyword = firstKeyword(sql);
        if (keyword.equals("SELECT") || keyword.equals("WITH")) {
            return;
        }
        if (keyword.isEmpty()) {
            throw new StarlingException(ErrorCode.SYNTAX_ERROR,
                    "Empty query; pass a SELECT statement in the q parameter");
        }
        throw new StarlingException(ErrorCode.UNSUPPORTED_METHOD, "Only SELECT or WITH queries are supported by the"
                + " Query API, got [" + keyword + "]. Write data with the Data Sources API or the Events API");
    }

    /** The first word of {@code sql}, upper case, skipping whitespace, comments and opening parentheses. */
    static String firstKeyword(String sql) {
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
        int start = i;
        while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
