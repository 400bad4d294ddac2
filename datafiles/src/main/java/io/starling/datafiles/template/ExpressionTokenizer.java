package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: names, numbers, strings (with Python escapes) and operators. */
final class ExpressionTokenizer {
    enum Kind { NAME, NUMBER, STRING, OPERATOR, END }

    record Token(Kind kind, String text, Object value) {
        boolean is(String operator) {
            return (kind == Kind.OPERATOR || kind == Kind.NAME) && text.equals(operator);
        }
    }

    private static final String[] OPERATORS = {"**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",",
            ":", ".", "=", "<", ">", "+", "-", "*", "/", "%"};

    private final String source;
    private final int line;
    private int position;

    private ExpressionTokenizer(String source, int line) {
        this.source = source;
        this.line = line;
    }

    static List<Token> tokenize(String source, int line) {
        return new ExpressionTokenizer(source, line).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
                position++;
            }
            if (position >= source.length()) {
                tokens.add(new Token(Kind.END, "", null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = source.charAt(position);
        if (Character.isLetter(c) || c == '_') {
            int start = position;
            while (position < source.length()
                    && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_')) {
                position++;
            }
            String word = source.substring(start, position);
            if (position < source.length() && isQuote(source.charAt(position)) && isStringPrefix(word)) {
                return string(word.toLowerCase().contains("r"));
            }
            return new Token(Kind.NAME, word, null);
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < source.length()
                && Character.isDigit(source.charAt(position + 1)))) {
            return number();
        }
        if (isQuote(c)) {
            return string(false);
        }
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, position)) {
                position += operator.length();
                return new Token(Kind.OPERATOR, operator, null);
            }
        }
        throw TemplateException.syntax("unexpected character [" + c + "] in expression [" + source.strip() + "]",
                line);
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    private static boolean isStringPrefix(String word) {
        String lower = word.toLowerCase();
        return lower.equals("r") || lower.equals("u") || lower.equals("b") || lower.equals("f");
    }

    private Token number() {
        int start = position;
        boolean isFloat = false;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (Character.isDigit(c) || c == '_') {
                position++;
            } else if (c == '.' && !isFloat) {
                isFloat = true;
                position++;
            } else if ((c == 'e' || c == 'E') && position + 1 < source.length()) {
                isFloat = true;
                position++;
                if (source.charAt(position) == '+' || source.charAt(position) == '-') {
                    position++;
                }
            } else {
                break;
            }
        }
        String text = source.substring(start, position);
        String digits = text.replace("_", "");
        try {
            Object value = isFloat ? (Object) Double.parseDouble(digits) : Values.integer(new java.math.BigInteger(digits));
            return new Token(Kind.NUMBER, text, value);
        } catch (NumberFormatException e) {
            throw TemplateException.syntax("bad number [" + text + "] in expression", line);
        }
    }

    private Token string(boolean raw) {
        char quote = source.charAt(position);
        int start = position;
        position++;
        StringBuilder text = new StringBuilder();
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == quote) {
                return new Token(Kind.STRING, source.substring(start, position), text.toString());
            }
            if (c == '\\' && position < source.length()) {
                char escaped = source.charAt(position++);
                if (raw) {
                    text.append('\\').append(escaped);
                } else {
                    text.append(unescape(escaped));
                }
            } else {
                text.append(c);
            }
        }
        throw TemplateException.syntax("string starting at [" + source.substring(start).strip()
                + "] is not closed; add the closing " + quote, line);
    }

    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\\', '\'', '"' -> String.valueOf(c);
            default -> "\\" + c;
        };
    }
}
