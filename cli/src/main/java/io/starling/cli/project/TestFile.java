package io.starling.cli.project;

import io.starling.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code tests/<pipe>.yaml} file: a YAML list of cases with {@code name}, {@code description},
 * {@code parameters} (a query string), {@code expected_result} (NDJSON, usually a {@code |} block) and
 * {@code expected_http_status}. Reads the subset of YAML these files use (block lists of flat maps, plain and
 * quoted scalars, {@code |}/{@code >} blocks); writes the same shape back.
 */
public final class TestFile {
    private TestFile() {
    }

    public record Case(String name, String description, String parameters, String expectedResult,
                       Integer expectedHttpStatus) {
        public int status() {
            return expectedHttpStatus == null ? 200 : expectedHttpStatus;
        }
    }

    public static List<Case> parse(String yaml, String fileName) {
        String[] lines = yaml.replace("\r\n", "\n").split("\n", -1);
        List<Map<String, String>> items = new ArrayList<>();
        Map<String, String> current = null;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int indent = indentOf(line);
            String entry = trimmed;
            if (trimmed.startsWith("- ") || trimmed.equals("-")) {
                current = new LinkedHashMap<>();
                items.add(current);
                entry = trimmed.substring(1).strip();
                indent += 2;
                if (entry.isEmpty()) {
                    i++;
                    continue;
                }
            }
            if (current == null) {
                throw new CliException(fileName + ":" + (i + 1) + ": a test file is a list; start each test with `- name: ...`");
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new CliException(fileName + ":" + (i + 1) + ": expected `key: value`, got [" + trimmed + "]");
            }
            String key = entry.substring(0, colon).strip();
            String value = entry.substring(colon + 1).strip();
            i++;
            if (value.startsWith("|") || value.startsWith(">")) {
                int end = i;
                while (end < lines.length && (lines[end].isBlank() || indentOf(lines[end]) > indent)) {
                    end++;
                }
                current.put(key, block(lines, i, end, value));
                i = end;
            } else {
                current.put(key, scalar(value));
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Map<String, String> item : items) {
            String status = item.get("expected_http_status");
            cases.add(new Case(item.get("name"), item.get("description"), item.get("parameters"),
                    item.getOrDefault("expected_result", ""),
                    status == null || status.isBlank() ? null : Integer.valueOf(status.strip())));
        }
        return cases;
    }

    private static String block(String[] lines, int start, int end, String indicator) {
        int last = end;
        while (last > start && lines[last - 1].isBlank()) {
            last--;
        }
        int indent = Integer.MAX_VALUE;
        for (int i = start; i < last; i++) {
            if (!lines[i].isBlank()) {
                indent = Math.min(indent, indentOf(lines[i]));
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = start; i < last; i++) {
            String line = lines[i].isBlank() ? "" : lines[i].substring(indent);
            if (indicator.startsWith(">") && !text.isEmpty()) {
                text.append(' ');
            } else if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line);
        }
        if (!indicator.endsWith("-") && !text.isEmpty()) {
            text.append('\n');
        }
        return text.toString();
    }

    private static String scalar(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\n", "\n")
                    .replace("\\\\", "\\");
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    public static String write(List<Case> cases) {
        StringBuilder out = new StringBuilder();
        for (Case test : cases) {
            out.append("- name: ").append(quote(test.name())).append('\n');
            if (test.description() != null) {
                out.append("  description: ").append(quote(test.description())).append('\n');
            }
            if (test.expectedHttpStatus() != null) {
                out.append("  expected_http_status: ").append(test.expectedHttpStatus()).append('\n');
            }
            out.append("  parameters: ").append(quote(test.parameters() == null ? "" : test.parameters())).append('\n');
            String expected = test.expectedResult() == null ? "" : test.expectedResult();
            if (expected.isBlank()) {
                out.append("  expected_result: ''\n");
            } else {
                out.append("  expected_result: |\n");
                for (String line : expected.strip().split("\n")) {
                    out.append("    ").append(line).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        boolean plain = value.matches("[A-Za-z0-9_.=&%+/-][A-Za-z0-9_.=&%+/ :,-]*") && !value.contains(": ")
                && !value.endsWith(":") && !value.endsWith(" ");
        return plain ? value : "'" + value.replace("'", "''") + "'";
    }
}
