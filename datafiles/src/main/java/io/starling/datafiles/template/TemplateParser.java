package io.starling.datafiles.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses template text into {@link TemplateNode}s. Recognises {@code {{ expr }}}, {@code {% tag %}},
 * {@code {# comment #}} and the escapes {@code {{!} / {@code {%!} (a literal {@code {{} / {@code {%}).
 * Closing delimiters inside quoted strings or nested braces do not end a tag.
 */
final class TemplateParser {
    private record Segment(char kind, String content, int line) {
    }

    private final String source;
    private final int firstLine;
    private final List<Segment> segments = new ArrayList<>();
    private int index;

    private TemplateParser(String source, int firstLine) {
        this.source = source;
        this.firstLine = firstLine;
    }

    static List<TemplateNode> parse(String source, int firstLine) {
        TemplateParser parser = new TemplateParser(source, firstLine);
        parser.scan();
        List<TemplateNode> body = new ArrayList<>();
        String terminator = parser.body(body);
        if (terminator != null) {
            Segment segment = parser.segments.get(parser.index - 1);
            throw TemplateException.syntax("{% " + terminator + " %} has no matching {% if %} or {% for %}",
                    segment.line());
        }
        return List.copyOf(body);
    }

    private void scan() {
        int position = 0;
        int line = firstLine;
        StringBuilder text = new StringBuilder();
        while (position < source.length()) {
            int open = source.indexOf('{', position);
            if (open < 0 || open + 1 >= source.length()) {
                text.append(source, position, source.length());
                break;
            }
            char next = source.charAt(open + 1);
            if (next != '{' && next != '%' && next != '#') {
                text.append(source, position, open + 1);
                line += newlines(position, open + 1);
                position = open + 1;
                continue;
            }
            text.append(source, position, open);
            line += newlines(position, open);
            if (open + 2 < source.length() && source.charAt(open + 2) == '!' && next != '#') {
                text.append('{').append(next);
                position = open + 3;
                continue;
            }
            flushText(text);
            String closer = next == '{' ? "}}" : next == '%' ? "%}" : "#}";
            int close = findClose(open + 2, closer, next != '#');
            if (close < 0) {
                throw TemplateException.syntax("{" + next + " is not closed; add " + closer, line);
            }
            if (next != '#') {
                segments.add(new Segment(next, source.substring(open + 2, close), line));
            }
            line += newlines(open, close + 2);
            position = close + 2;
        }
        flushText(text);
    }

    private void flushText(StringBuilder text) {
        if (!text.isEmpty()) {
            segments.add(new Segment('t', text.toString(), 0));
            text.setLength(0);
        }
    }

    private int newlines(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Position of {@code closer}, skipping quoted strings and (for code) nested braces. */
    private int findClose(int from, String closer, boolean code) {
        char quote = 0;
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (code && (c == '\'' || c == '"')) {
                quote = c;
            } else if (code && c == '{') {
                depth++;
            } else if (depth > 0 && c == '}') {
                depth--;
            } else if (source.startsWith(closer, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Parses nodes into {@code body} until an {@code elif}/{@code else}/{@code end} tag; returns that tag or null. */
    private String body(List<TemplateNode> body) {
        while (index < segments.size()) {
            Segment segment = segments.get(index++);
            switch (segment.kind()) {
                case 't' -> body.add(new TemplateNode.Text(segment.content()));
                case '{' -> body.add(new TemplateNode.Output(ExpressionParser.parse(segment.content(), segment.line()),
                        segment.line()));
                default -> {
                    String terminator = tag(segment, body);
                    if (terminator != null) {
                        return terminator;
                    }
                }
            }
        }
        return null;
    }

    private String tag(Segment segment, List<TemplateNode> body) {
        String content = segment.content().strip();
        int space = 0;
        while (space < content.length() && !Character.isWhitespace(content.charAt(space))) {
            space++;
        }
        String name = content.substring(0, space);
        String rest = content.substring(space).strip();
        int line = segment.line();
        switch (name) {
            case "if" -> body.add(ifTag(rest, line));
            case "for" -> body.add(forTag(rest, line));
            case "set" -> {
                ExpressionParser.Assignment assignment = ExpressionParser.parseSet(rest, line);
                body.add(new TemplateNode.Set(assignment.name(), assignment.value(), line));
            }
            case "comment" -> {
                // {% comment text %}: a single-tag comment, dropped from the output
            }
            case "elif", "else" -> {
                return name + (rest.isEmpty() ? "" : " " + rest);
            }
            case "end", "endif", "endfor" -> {
                return "end";
            }
            case "" -> throw TemplateException.syntax("empty {% %} tag", line);
            default -> throw TemplateException.syntax("tag {% " + name + " %} is not supported; use if, elif, else, "
                    + "end, for, set or comment", line);
        }
        return null;
    }

    private TemplateNode ifTag(String condition, int line) {
        List<TemplateNode.Branch> branches = new ArrayList<>();
        List<TemplateNode> otherwise = null;
        Expr current = requireExpression(condition, "if", line);
        int currentLine = line;
        while (true) {
            List<TemplateNode> branchBody = new ArrayList<>();
            String terminator = body(branchBody);
            if (terminator == null) {
                throw TemplateException.syntax("{% if %} is not closed; add {% end %}", line);
            }
            int terminatorLine = segments.get(index - 1).line();
            if (otherwise != null) {
                if (!terminator.equals("end")) {
                    throw TemplateException.syntax("{% " + terminator + " %} after {% else %}; close the if with "
                            + "{% end %}", terminatorLine);
                }
                otherwise.addAll(branchBody);
                return new TemplateNode.If(List.copyOf(branches), List.copyOf(otherwise));
            }
            branches.add(new TemplateNode.Branch(current, List.copyOf(branchBody), currentLine));
            if (terminator.equals("end")) {
                return new TemplateNode.If(List.copyOf(branches), List.of());
            }
            if (terminator.startsWith("elif")) {
                current = requireExpression(terminator.substring(4).strip(), "elif", terminatorLine);
                currentLine = terminatorLine;
            } else if (terminator.equals("else")) {
                otherwise = new ArrayList<>();
            } else {
                throw TemplateException.syntax("{% else %} takes no condition; use {% elif condition %}",
                        terminatorLine);
            }
        }
    }

    private TemplateNode forTag(String header, int line) {
        ExpressionParser.ForHeader parsed = ExpressionParser.parseFor(header, line);
        List<TemplateNode> loopBody = new ArrayList<>();
        String terminator = body(loopBody);
        if (terminator == null) {
            throw TemplateException.syntax("{% for %} is not closed; add {% end %}", line);
        }
        if (!terminator.equals("end")) {
            throw TemplateException.syntax("{% " + terminator + " %} inside a for loop has no matching if",
                    segments.get(index - 1).line());
        }
        return new TemplateNode.For(parsed.names(), parsed.iterable(), List.copyOf(loopBody), line);
    }

    private static Expr requireExpression(String text, String tag, int line) {
        if (text.isEmpty()) {
            throw TemplateException.syntax("{% " + tag + " %} needs a condition", line);
        }
        return ExpressionParser.parse(text, line);
    }
}
