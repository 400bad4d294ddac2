package io.starling.sql.format.input;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jsonpath subset Tinybird accepts: {@code $} (the whole object), {@code $.a.b.c}, {@code $.arr[:]} (the
 * elements of an array), {@code $.items[:].id} (a field of every element), and bracket-quoted keys
 * {@code $.['key.with.dots']}. Keys may hold any character except {@code .} and {@code [}
 * ({@code $.Org#Org_name}). Only one {@code [:]} per path (arrays nest one level).
 *
 * @param keys       object keys from the root to the value, or to the array when {@code array}
 * @param array      whether the path has {@code [:]}
 * @param projection keys inside each array element (empty: the element itself)
 */
public record JsonPath(List<String> keys, boolean array, List<String> projection) {
    public JsonPath {
        keys = List.copyOf(keys);
        projection = List.copyOf(projection);
    }

    /** Parses a path; a {@code json:} prefix is accepted. Null means {@code $.<columnName>}. */
    public static JsonPath parse(String text, String columnName) {
        if (text == null || text.isBlank()) {
            return new JsonPath(List.of(columnName), false, List.of());
        }
        String path = text.trim();
        if (path.startsWith("json:")) {
            path = path.substring(5).trim();
        }
        if (!path.startsWith("$")) {
            throw invalid(text, columnName, "it must start with $");
        }
        List<String> keys = new ArrayList<>();
        List<String> projection = new ArrayList<>();
        boolean array = false;
        int position = 1;
        while (position < path.length()) {
            char ch = path.charAt(position);
            List<String> target = array ? projection : keys;
            if (ch == '.') {
                position++;
                if (position < path.length() && path.charAt(position) == '[') {
                    continue;
                }
                int end = position;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == position) {
                    throw invalid(text, columnName, "a key is empty at position " + position);
                }
                target.add(path.substring(position, end));
                position = end;
            } else if (ch == '[' && path.startsWith("[:]", position)) {
                if (array) {
                    throw invalid(text, columnName, "only one [:] is supported (arrays nest one level); "
                            + "store the value with json:$ and use JSONExtract in a pipe");
                }
                array = true;
                position += 3;
            } else if (ch == '[' && position + 1 < path.length()
                    && (path.charAt(position + 1) == '\'' || path.charAt(position + 1) == '"')) {
                char quote = path.charAt(position + 1);
                int close = path.indexOf(quote, position + 2);
                if (close < 0 || close + 1 >= path.length() || path.charAt(close + 1) != ']') {
                    throw invalid(text, columnName, "the quoted key at position " + position + " is not closed with " + quote + "]");
                }
                target.add(path.substring(position + 2, close));
                position = close + 2;
            } else {
                throw invalid(text, columnName, "unexpected [" + ch + "] at position " + position
                        + "; use $.a.b, $.arr[:], $.arr[:].field or $.['key']");
            }
        }
        return new JsonPath(keys, array, projection);
    }

    private static StarlingException invalid(String text, String columnName, String why) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "The jsonpath [" + text + "] of column ["
                + columnName + "] is not supported: " + why);
    }

    /** A node of the tree of all columns' paths: which columns want the value here or its array elements. */
    static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Integer> valueColumns = new ArrayList<>();
        /** Paths inside the elements of the array at this node; null when no column uses [:] here. */
        Node elements;
        /** Every column under {@link #elements}, to pad elements where a projection is absent. */
        final List<Integer> elementColumns = new ArrayList<>();
        int[] valueColumnArray = new int[0];
        int[] elementColumnArray = new int[0];

        Node child(String key) {
            return children.computeIfAbsent(key, ignored -> new Node());
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }

        void freeze() {
            valueColumnArray = valueColumns.stream().mapToInt(Integer::intValue).toArray();
            elementColumnArray = elementColumns.stream().mapToInt(Integer::intValue).toArray();
            for (Node child : children.values()) {
                child.freeze();
            }
            if (elements != null) {
                elements.freeze();
            }
        }
    }

    /** Builds the path tree for columns' paths (index = column index). */
    static Node tree(List<JsonPath> paths) {
        Node root = new Node();
        for (int column = 0; column < paths.size(); column++) {
            JsonPath path = paths.get(column);
            Node node = root;
            for (String key : path.keys()) {
                node = node.child(key);
            }
            if (!path.array()) {
                node.valueColumns.add(column);
                continue;
            }
            if (node.elements == null) {
                node.elements = new Node();
            }
            node.elementColumns.add(column);
            Node element = node.elements;
            for (String key : path.projection()) {
                element = element.child(key);
            }
            element.valueColumns.add(column);
        }
        root.freeze();
        return root;
    }
}
