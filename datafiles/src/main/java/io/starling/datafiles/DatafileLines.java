package io.starling.datafiles;

/**
 * Line handling shared by the datafile parsers (.datasource, .pipe): splitting, the first word of an instruction,
 * indented {@code INSTRUCTION >} blocks, trailing {@code # comments} and the quoting styles real projects use.
 * Stateless; all methods are pure functions.
 */
public final class DatafileLines {
    private DatafileLines() {
    }

    /** Splits text into lines, accepting \n, \r\n and \r line ends; keeps trailing empty lines. */
    public static String[] split(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }

    /** The resource name for a file name: folders and extension removed ({@code pipes/top.pipe} → {@code top}). */
    public static String resourceName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The leading run of non-whitespace characters of a line. */
    public static String firstWord(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }

    /** True when the line starts with whitespace (belongs to a block). */
    public static boolean isIndented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0));
    }

    /**
     * First line index after the indented block starting at {@code start}: the block runs over indented and blank
     * lines and stops at the first non-indented line; trailing blank lines are not part of it.
     */
    public static int blockEnd(String[] lines, int start) {
        int end = start;
        int lastContent = start;
        while (end < lines.length) {
            String line = lines[end];
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            end++;
            if (!line.isBlank()) {
                lastContent = end;
            }
        }
        return lastContent;
    }

    /** The lines {@code [start, end)} with the common indentation removed and trailing whitespace stripped. */
    public static String blockText(String[] lines, int start, int end) {
        int indent = Integer.MAX_VALUE;
        for (int i = start; i < end; i++) {
            String line = lines[i];
            if (!line.isBlank()) {
                int leading = 0;
                while (leading < line.length() && Character.isWhitespace(line.charAt(leading))) {
                    leading++;
                }
                indent = Math.min(indent, leading);
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = start; i < end; i++) {
            String line = lines[i];
            text.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length())).stripTrailing());
            if (i + 1 < end) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** Drops a {@code # comment} that follows a value (outside quotes, after whitespace). */
    public static String stripTrailingComment(String value) {
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '#' && i > 0 && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value.strip();
    }

    /** Removes one pair of matching surrounding double or single quotes, after trimming. */
    public static String unquote(String value) {
        String trimmed = value.strip();
        if (trimmed.length() >= 2) {
            char first = trimmed.charAt(0);
            if ((first == '"' || first == '\'') && trimmed.charAt(trimmed.length() - 1) == first) {
                return trimmed.substring(1, trimmed.length() - 1);
            }
        }
        return trimmed;
    }
}
