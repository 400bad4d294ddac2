package io.starling.storage.merge;

import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.EngineSpec;
import io.starling.storage.engine.TableDefinition;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@link MergeRule} of each engine. */
public final class MergeRules {
    private MergeRules() {
    }

    /**
     * A new rule for {@code definition}'s engine (rules hold scratch buffers: one per concurrent merge), or null
     * for engines that keep every row (MergeTree, Null). Validates the engine's parameters.
     */
    public static MergeRule forTable(TableDefinition definition, EngineSpec engine, AggregateStateMerger merger) {
        engine.validate(definition);
        List<ColumnDefinition> columns = definition.columns();
        return switch (engine.kind()) {
            case MERGE_TREE, NULL -> null;
            case REPLACING -> {
                String version = engine.versionColumn();
                int versionIndex = version == null ? -1 : definition.columnIndex(version);
                String isDeleted = engine.isDeletedColumn();
                yield new ReplacingRule(versionIndex, versionIndex < 0 ? null
                        : ValueComparator.forType(columns.get(versionIndex).type()),
                        isDeleted == null ? -1 : definition.columnIndex(isDeleted));
            }
            case SUMMING -> new SummingRule(columns, summedColumns(definition, engine.summingColumns()));
            case AGGREGATING -> new AggregatingRule(columns, merger == null ? AggregateStateMerger.UNSUPPORTED : merger);
            case COLLAPSING -> new CollapsingRule(definition.columnIndex(engine.signColumn()));
            case VERSIONED_COLLAPSING -> {
                int versionIndex = definition.columnIndex(engine.versionColumn());
                yield new VersionedCollapsingRule(definition.columnIndex(engine.signColumn()), versionIndex,
                        ValueComparator.forType(columns.get(versionIndex).type()));
            }
        };
    }

    /**
     * The columns SummingMergeTree sums, ascending: the listed ones, or every numeric (integer, float, decimal)
     * column that the sorting and partition keys do not mention. Listed columns that are keys or not numeric are
     * not summed, as in ClickHouse.
     */
    static int[] summedColumns(TableDefinition definition, List<String> listed) {
        Set<String> keyColumns = new LinkedHashSet<>();
        for (String expression : definition.sortingKey()) {
            keyColumns.addAll(identifiers(expression));
        }
        keyColumns.addAll(identifiers(definition.partitionKey()));
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < definition.columns().size(); i++) {
            ColumnDefinition column = definition.columns().get(i);
            boolean wanted = listed.isEmpty() || listed.contains(column.name());
            if (wanted && !keyColumns.contains(column.name()) && isSummable(column.type())) {
                result.add(i);
            }
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isSummable(DataType type) {
        DataType behaves = type.behavesAs();
        return behaves instanceof IntegerType || behaves instanceof FloatType || behaves instanceof DecimalType;
    }

    /** Identifier-like words of an expression outside quoted literals (backquoted names unquoted). */
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
