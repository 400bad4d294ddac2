package io.starling.sql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ClickHouse SQL into {@link Token}s. Skips whitespace, {@code -- line} and {@code /* block *}{@code /}
 * comments. Errors are syntax errors at the offending character.
 */
public final class Lexer {
    private static final String[] SYMBOLS = {
        "||", "==", "!=", "<>", "<=", ">=", "->", "::",
        "(", ")", "[", "]", "{", "}", ",", ".", ";", "+", "-", "*", "/", "%", "=", "<", ">", "?", ":"
    };

    private final String sql;
    private int position;

    private Lexer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (position >= sql.length()) {
                tokens.add(new Token(TokenType.END, "", sql.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = sql.charAt(position);
        int start = position;
        if (Character.isDigit(c) || (c == '.' && position + 1 < sql.length() && Character.isDigit(sql.charAt(position + 1))
                && !previousIsWordLike())) {
            return number();
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            while (position < sql.length() && isWordChar(sql.charAt(position))) {
                position++;
            }
            return new Token(TokenType.WORD, sql.substring(start, position), start);
        }
        if (c == '\'') {
            return new Token(TokenType.STRING, quoted('\''), start);
        }
        if (c == '`' || c == '"') {
            return new Token(TokenType.QUOTED_IDENTIFIER, quoted(c), start);
        }
        for (String symbol : SYMBOLS) {
            if (sql.startsWith(symbol, position)) {
                position += symbol.length();
                return new Token(TokenType.SYMBOL, symbol, start);
            }
        }
        throw SyntaxErrors.at(sql, start, "unexpected character", List.of());
    }

    /** A dot right after a word or closing bracket is member access (t.1), not the start of .5. */
    private boolean previousIsWordLike() {
        if (position == 0) {
            return false;
        }
        char previous = sql.charAt(position - 1);
        return isWordChar(previous) || previous == ')' || previous == ']' || previous == '`' || previous == '"';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private Token number() {
        int start = position;
        if (sql.startsWith("0x", position) || sql.startsWith("0X", position)) {
            position += 2;
            while (position < sql.length() && Character.digit(sql.charAt(position), 16) >= 0) {
                position++;
            }
            return new Token(TokenType.INTEGER, sql.substring(start, position), start);
        }
        boolean isFloat = false;
        digits();
        if (position < sql.length() && sql.charAt(position) == '.') {
            isFloat = true;
            position++;
            digits();
        }
        if (position < sql.length() && (sql.charAt(position) == 'e' || sql.charAt(position) == 'E')) {
            int save = position;
            position++;
            if (position < sql.length() && (sql.charAt(position) == '+' || sql.charAt(position) == '-')) {
                position++;
            }
            if (position < sql.length() && Character.isDigit(sql.charAt(position))) {
                isFloat = true;
                digits();
            } else {
                position = save;
            }
        }
        if (position < sql.length() && (Character.isLetter(sql.charAt(position)) || sql.charAt(position) == '_')) {
            throw SyntaxErrors.at(sql, start, "malformed number", List.of());
        }
        return new Token(isFloat ? TokenType.FLOAT : TokenType.INTEGER, sql.substring(start, position), start);
    }

    private void digits() {
        while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
            position++;
        }
    }

    /** Reads a quoted run; handles backslash escapes and doubled quotes. */
    private String quoted(char quote) {
        int start = position;
        position++;
        StringBuilder text = new StringBuilder();
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (c == '\\' && position + 1 < sql.length()) {
                char next = sql.charAt(position + 1);
                if (next == 'x' && position + 3 < sql.length() && hex(sql.charAt(position + 2)) >= 0
                        && hex(sql.charAt(position + 3)) >= 0) {
                    text.append((char) (hex(sql.charAt(position + 2)) * 16 + hex(sql.charAt(position + 3))));
                    position += 4;
                    continue;
                }
                if (!isEscape(next)) {
                    // Like ClickHouse, an unknown escape keeps its backslash: match(ua, '\+https://|\d+') sees \+ and \d.
                    text.append('\\');
                }
                text.append(unescape(next));
                position += 2;
            } else if (c == quote) {
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    text.append(quote);
                    position += 2;
                } else {
                    position++;
                    return text.toString();
                }
            } else {
                text.append(c);
                position++;
            }
        }
        throw SyntaxErrors.at(sql, start, "unterminated quoted text", List.of("closing " + quote));
    }

    private static boolean isEscape(char c) {
        return switch (c) {
            case 'n', 't', 'r', '0', 'b', 'f', 'a', 'v', 'e', '\\', '\'', '"', '`' -> true;
            default -> false;
        };
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'a' -> (char) 7;
            case 'v' -> (char) 11;
            case 'e' -> (char) 27;
            default -> c;
        };
    }

    private void skipSpaceAndComments() {
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (sql.startsWith("--", position) || c == '#') {
                while (position < sql.length() && sql.charAt(position) != '\n') {
                    position++;
                }
            } else if (sql.startsWith("/*", position)) {
                int end = sql.indexOf("*/", position + 2);
                position = end < 0 ? sql.length() : end + 2;
            } else {
                return;
            }
        }
    }
}
