package io.starling.storage.part;

import io.starling.storage.codec.CompressionCodec;
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
 * @param minMaxColumns indexes into {@code columns} of the partition-key columns
 */
public record PartSchema(List<ColumnDefinition> columns, KeyEvaluator keys, int[] minMaxColumns,
                         CompressionCodec codec, int granularity) {

    /** Largest accepted {@code index_granularity}: one granule must fit in one block. */
    public static final int MAX_GRANULARITY = io.starling.storage.block.Block.MAX_ROWS;

    public PartSchema {
        columns = List.copyOf(columns);
        minMaxColumns = minMaxColumns.clone();
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
        return new PartSchema(definition.columns(), keys, minMax.stream().mapToInt(Integer::intValue).toArray(),
                codec, granularity);
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
