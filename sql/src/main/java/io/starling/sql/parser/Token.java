package io.starling.sql.parser;

import java.util.Locale;

/**
 * One token of the query text.
 *
 * @param type   what kind of token
 * @param text   the token's text (unescaped for strings and quoted identifiers)
 * @param offset zero-based offset of its first character in the query
 */
public record Token(TokenType type, String text, int offset) {

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** True for a bare word equal to {@code keyword}, ignoring case. */
    public boolean isKeyword(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return type == TokenType.END ? "end of query" : text;
    }
}
