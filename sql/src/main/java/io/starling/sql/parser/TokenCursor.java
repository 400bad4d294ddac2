package io.starling.sql.parser;

import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Set;

/** Position in a token list, with helpers that fail with ClickHouse-style syntax errors. Not thread-safe. */
final class TokenCursor {
    /** Words that end an expression and so can never be an implicit alias. */
    private static final Set<String> RESERVED = Set.of(
            "FROM", "WHERE", "PREWHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "FORMAT", "SETTINGS",
            "AS", "AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "BETWEEN", "IS", "ASC", "DESC", "ASCENDING",
            "DESCENDING", "NULLS", "WITH", "SELECT", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
            "ARRAY", "THEN", "ELSE", "END", "WHEN", "CASE", "BY", "FINAL", "SAMPLE", "GLOBAL", "USING", "INTO",
            "EXCEPT", "INTERSECT", "COLLATE", "OUTER", "SEMI", "ANTI", "ANY", "ASOF", "ALL", "DISTINCT", "WINDOW", "QUALIFY");

    private final String sql;
    private final List<Token> tokens;
    private int index;

    TokenCursor(String sql) {
        this.sql = sql;
        this.tokens = Lexer.tokenize(sql);
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token advance() {
        Token token = tokens.get(index);
        if (token.type() != TokenType.END) {
            index++;
        }
        return token;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    String sql() {
        return sql;
    }

    boolean atEnd() {
        return peek().type() == TokenType.END;
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw error(List.of(keyword));
        }
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error(List.of("'" + symbol + "'"));
        }
    }

    /** Reads an identifier: a bare word or a quoted one. */
    String identifier() {
        Token token = peek();
        if (token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENTIFIER) {
            index++;
            return token.text();
        }
        throw error(List.of("identifier"));
    }

    /** True when the next token can be an alias written without AS. */
    boolean atImplicitAlias() {
        Token token = peek();
        return token.type() == TokenType.QUOTED_IDENTIFIER
                || (token.type() == TokenType.WORD && !RESERVED.contains(token.upper()));
    }

    StarlingException error(List<String> expected) {
        return SyntaxErrors.at(sql, peek().offset(), "unexpected " + peek().describe(), expected);
    }

    StarlingException error(String what) {
        return SyntaxErrors.at(sql, peek().offset(), what, List.of());
    }
}
