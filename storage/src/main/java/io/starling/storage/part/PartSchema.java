package io.starling.storage.part;

import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.index.IndexExpressionEvaluator;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.KeyEvaluator;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a part writer needs to know about its table: the columns, how to compute the sorting key, which columns
 * get a min/max index (the columns the partition key mentions), the codec and the index granularity.
 *
 * @param minMaxColumns       indexes into {@code columns} of the partition-key columns
 * @param columnCodecs        one codec per column (resolved for its type)
 * @param indexes             skip indexes to build
 * @param indexEvaluator      computes index expressions that are not plain columns; null = plain columns only
 * @param minRowsForWidePart  parts written by inserts with fewer rows are compact (one data file)
 * @param minBytesForWidePart parts written by inserts with fewer uncompressed bytes are compact
 */
public record PartSchema(List<ColumnDefinition> columns, KeyEvaluator keys, int[] minMaxColumns,
                         CompressionCodec codec, int granularity, List<ColumnCodec> columnCodecs,
                         List<IndexDefinition> indexes, IndexExpressionEvaluator indexEvaluator,
                         long minRowsForWidePart, long minBytesForWidePart) {

    /** Setting: rows below which an inserted part is compact (ClickHouse's name); default 10,000. */
    public static final String MIN_ROWS_FOR_WIDE_PART = "min_rows_for_wide_part";
    /** Setting: uncompressed bytes below which an inserted part is compact; default 10 MB. */
    public static final String MIN_BYTES_FOR_WIDE_PART = "min_bytes_for_wide_part";
    public static final long DEFAULT_MIN_ROWS_FOR_WIDE_PART = 10_000;
    public static final long DEFAULT_MIN_BYTES_FOR_WIDE_PART = 10L << 20;

    /** A schema whose columns all use {@code codec}, without skip indexes, always wide. */
    public PartSchema(List<ColumnDefinition> columns, KeyEvaluator keys, int[] minMaxColumns, CompressionCodec codec,
                      int granularity) {
        this(columns, keys, minMaxColumns, codec, granularity, null, List.of(), null, 0, 0);
    }

    /** Largest accepted {@code index_granularity}: one granule must fit in one block. */
    public static final int MAX_GRANULARITY = io.starling.storage.block.Block.MAX_ROWS;

    public PartSchema {
        columns = List.copyOf(columns);
        minMaxColumns = minMaxColumns.clone();
        if (columnCodecs == null) {
            ColumnCodec common = ColumnCodec.of(codec);
            columnCodecs = columns.stream().map(column -> common.resolve(column.type())).toList();
        }
        columnCodecs = List.copyOf(columnCodecs);
        indexes = List.copyOf(indexes);
        if (columnCodecs.size() != columns.size()) {
            throw new IllegalArgumentException(columnCodecs.size() + " codecs for " + columns.size() + " columns");
        }
        if (granularity < 1 || granularity > MAX_GRANULARITY) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting index_granularity [" + granularity
                    + "] must be between 1 and " + MAX_GRANULARITY);
        }
    }

    public static PartSchema of(TableDefinition definition, KeyEvaluator keys) {
        String codecName = definition.settings().get(CompressionCodec.SETTING);
        CompressionCodec codec = codecName == null ? CompressionCodec.LZ4 : CompressionCodec.fromName(codecName);
        int granularity;
        try {
            granularity = definition.indexGranularity();
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting index_granularity ["
                    + definition.settings().get("index_granularity") + "] is not a number; use e.g. 8192", e);
        }
        List<Integer> minMax = new ArrayList<>();
        for (String name : identifiers(definition.partitionKey())) {
            int index = definition.columnIndex(name);
            PhysicalKind kind = index < 0 ? null : definition.columns().get(index).type().physical();
            if (index >= 0 && kind != PhysicalKind.ARRAY && kind != PhysicalKind.TUPLE && kind != PhysicalKind.MAP) {
                minMax.add(index);
            }
        }
        ColumnCodec common = ColumnCodec.of(codec);
        List<ColumnCodec> codecs = new ArrayList<>();
        for (ColumnDefinition column : definition.columns()) {
            String text = definition.codecs().get(column.name());
            codecs.add((text == null ? common : ColumnCodec.parse(text)).resolve(column.type()));
        }
        for (String column : definition.codecs().keySet()) {
            if (definition.columnIndex(column) < 0) {
                throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "CODEC is given for column [" + column
                        + "], which the table does not have");
            }
        }
        IndexExpressionEvaluator evaluator = keys instanceof IndexExpressionEvaluator e ? e : null;
        return new PartSchema(definition.columns(), keys, minMax.stream().mapToInt(Integer::intValue).toArray(),
                codec, granularity, codecs, definition.indexes(), evaluator,
                longSetting(definition, MIN_ROWS_FOR_WIDE_PART, DEFAULT_MIN_ROWS_FOR_WIDE_PART),
                longSetting(definition, MIN_BYTES_FOR_WIDE_PART, DEFAULT_MIN_BYTES_FOR_WIDE_PART));
    }

    private static long longSetting(TableDefinition definition, String name, long fallback) {
        String value = definition.settings().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Setting " + name + " [" + value
                    + "] is not a number; use e.g. " + fallback, e);
        }
    }

    /** True when a part of this many rows and uncompressed bytes is written wide (else compact). */
    public boolean wide(long rows, long bytes) {
        return rows >= minRowsForWidePart && bytes >= minBytesForWidePart;
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Identifier-like words of an expression, outside single-quoted literals; backquoted names unquoted. */
    static Set<String> identifiers(String expression) {
        Set<String> result = new LinkedHashSet<>();
        int position = 0;
        while (position < expression.length()) {
            char c = expression.charAt(position);
            if (c == '\'' || c == '`' || c == '"') {
                int end = expression.indexOf(c, position + 1);
                end = end < 0 ? expression.length() : end;
                if (c != '\'') {
                    result.add(expression.substring(position + 1, end));
                }
                position = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < expression.length()
                        && (Character.isLetterOrDigit(expression.charAt(position)) || expression.charAt(position) == '_')) {
                    position++;
                }
                result.add(expression.substring(start, position));
            } else {
                position++;
            }
        }
        return result;
    }
}
