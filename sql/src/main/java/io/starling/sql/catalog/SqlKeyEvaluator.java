package io.starling.sql.catalog;

import io.starling.sql.analyzer.StandaloneExpressions;
import io.starling.sql.exec.ValueText;
import io.starling.sql.exec.project.ExpressionEvaluator;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnKeyEvaluator;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DateType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a table's partition ids and sorting-key columns with the SQL expression compiler. Partition ids
 * follow ClickHouse: integers print as numbers ({@code toYYYYMM(ts)} → {@code 202401}), a Date as
 * {@code 20240115}, other values (strings) as a hex hash; a tuple key joins the parts with {@code -};
 * no key is {@code all}. Immutable and thread-safe.
 */
public final class SqlKeyEvaluator implements KeyEvaluator, io.starling.storage.index.IndexExpressionEvaluator {
    private final List<BoundExpression> partition;
    private final List<BoundExpression> sorting;
    /** The table's columns, for skip-index expressions (compiled on first use). */
    private final List<io.starling.storage.engine.ColumnDefinition> columns;
    private final java.util.Map<String, java.util.Optional<BoundExpression>> indexExpressions =
            new java.util.concurrent.ConcurrentHashMap<>();

    private SqlKeyEvaluator(List<BoundExpression> partition, List<BoundExpression> sorting,
                            List<io.starling.storage.engine.ColumnDefinition> columns) {
        this.partition = List.copyOf(partition);
        this.sorting = List.copyOf(sorting);
        this.columns = List.copyOf(columns);
    }

    /** Skip indexes on expressions ({@code INDEX idx lower(url) TYPE ...}): the result type, or null when it does not compile. */
    @Override
    public DataType type(String expression) {
        return indexExpression(expression).map(BoundExpression::type).orElse(null);
    }

    @Override
    public Column evaluate(String expression, Block block) {
        BoundExpression bound = indexExpression(expression).orElseThrow(() -> new IllegalArgumentException(
                "Index expression [" + expression + "] does not compile over the table's columns"));
        return ExpressionEvaluator.column(bound, block);
    }

    private java.util.Optional<BoundExpression> indexExpression(String expression) {
        return indexExpressions.computeIfAbsent(expression, text -> {
            try {
                return java.util.Optional.of(StandaloneExpressions.compile(text, columns));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        });
    }

    public static SqlKeyEvaluator forTable(TableDefinition definition) {
        List<BoundExpression> partition = new ArrayList<>();
        for (String expression : split(definition.partitionKey())) {
            partition.add(StandaloneExpressions.compile(expression, definition.columns()));
        }
        List<BoundExpression> sorting = new ArrayList<>();
        for (String key : definition.sortingKey()) {
            for (String expression : split(key)) {
                sorting.add(StandaloneExpressions.compile(expression, definition.columns()));
            }
        }
        return new SqlKeyEvaluator(partition, sorting, definition.columns());
    }

    /** Splits {@code (a, b)} and {@code tuple(a, b)} into their items; empty and {@code tuple()} give none. */
    static List<String> split(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("tuple(") && trimmed.endsWith(")")) {
            trimmed = trimmed.substring("tuple".length());
        }
        if (trimmed.startsWith("(") && trimmed.endsWith(")") && closesAtEnd(trimmed)) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\'' && (i == 0 || trimmed.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(trimmed.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = trimmed.substring(start).strip();
        if (!last.isEmpty()) {
            items.add(last);
        }
        return items;
    }

    private static boolean closesAtEnd(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i < text.length() - 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String[] partitionIds(Block block) {
        String[] ids = new String[block.rowCount()];
        if (partition.isEmpty()) {
            java.util.Arrays.fill(ids, "all");
            return ids;
        }
        List<Column> columns = new ArrayList<>();
        for (BoundExpression expression : partition) {
            columns.add(ExpressionEvaluator.column(expression, block));
        }
        StringBuilder id = new StringBuilder();
        for (int row = 0; row < ids.length; row++) {
            if (row > 0 && sameKey(columns, row)) {
                ids[row] = ids[row - 1]; // e.g. toYYYYMM(timestamp) of rows of one month: one id, one String
                continue;
            }
            id.setLength(0);
            for (int k = 0; k < columns.size(); k++) {
                if (k > 0) {
                    id.append('-');
                }
                appendId(id, columns.get(k), row);
            }
            ids[row] = id.toString();
        }
        return ids;
    }

    private static boolean sameKey(List<Column> columns, int row) {
        for (Column column : columns) {
            if (!ColumnKeyEvaluator.sameValue(column, row, row - 1)) {
                return false;
            }
        }
        return true;
    }

    private static void appendId(StringBuilder id, Column column, int row) {
        DataType type = Types.base(column.type());
        Object value = Values.get(column, row);
        if (value == null) {
            id.append("null");
        } else if (type instanceof DateType) {
            id.append(ValueText.toText(column, row).replace("-", ""));
        } else if (value instanceof Long number) {
            id.append(Types.isUnsigned64(type) ? Long.toUnsignedString(number) : Long.toString(number));
        } else {
            id.append(hash(ValueText.toText(column, row)));
        }
    }

    /** 128-bit FNV-1a style hash of the text as 32 hex digits (stable across runs and JVMs). */
    private static String hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long first = 0xcbf29ce484222325L;
        long second = 0x84222325cbf29ce4L;
        for (byte b : bytes) {
            first = (first ^ (b & 0xff)) * 0x100000001b3L;
            second = (second ^ (b & 0xff)) * 0x100000001b3L + 0x9E3779B97F4A7C15L;
        }
        return String.format("%016x%016x", first, second);
    }

    @Override
    public List<Column> sortingKey(Block block) {
        List<Column> columns = new ArrayList<>(sorting.size());
        for (BoundExpression expression : sorting) {
            columns.add(ExpressionEvaluator.column(expression, block));
        }
        return columns;
    }
}
