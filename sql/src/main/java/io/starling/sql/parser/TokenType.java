package io.starling.sql.parser;

/** Kinds of tokens the {@link Lexer} produces. Keywords are plain {@link #WORD}s; the parser decides. */
public enum TokenType {
    /** A bare word: identifier or keyword. */
    WORD,
    /** A `backticked` or "double-quoted" identifier; its text is unescaped. */
    QUOTED_IDENTIFIER,
    /** An integer literal (decimal or 0x hex). */
    INTEGER,
    /** A floating-point literal (with a dot or an exponent). */
    FLOAT,
    /** A 'string' literal; its text is unescaped. */
    STRING,
    /** Punctuation and operators: ( ) [ ] { } , . ; + - * / % || = == != <> < <= > >= -> :: ? : */
    SYMBOL,
    /** End of the query text. */
    END
}
