package io.starling.sql.format.input;

/**
 * CSV options from {@code dialect_*} parameters.
 *
 * @param delimiter field delimiter, or 0 to guess it from the data
 * @param escape    escape character for quotes inside fields, or 0 for RFC 4180 doubling ("")
 * @param newLine   record separator, or null for LF/CRLF
 */
public record CsvDialect(char delimiter, char escape, String newLine) {
    public static final CsvDialect GUESS = new CsvDialect((char) 0, (char) 0, null);
}
