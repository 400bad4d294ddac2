package io.starling.storage.engine;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import java.util.ArrayList;
import java.util.List;

/**
 * A table engine and its parameters, parsed from {@link TableDefinition#engine()} written as ClickHouse writes it:
 * {@code MergeTree}, {@code ReplacingMergeTree}, {@code ReplacingMergeTree(ver)},
 * {@code ReplacingMergeTree(ver, is_deleted)}, {@code SummingMergeTree}, {@code SummingMergeTree((a, b))},
 * {@code AggregatingMergeTree}, {@code CollapsingMergeTree(sign)},
 * {@code VersionedCollapsingMergeTree(sign, version)}, {@code Null}. A {@code Replicated} prefix is accepted and
 * ignored (replication is the cluster's business). Tinybird's {@code ENGINE_VER}, {@code ENGINE_SIGN}... are
 * turned into this form by {@link #clause}.
 *
 * @param parameters column names, unquoted, in the order the engine takes them
 */
public record EngineSpec(Kind kind, List<String> parameters) {
    /** The engines of the MergeTree family (plus Null), and the rule each applies when rows of one key meet. */
    public enum Kind {
        /** Keeps every row. */
        MERGE_TREE("MergeTree"),
        /** Keeps the row with the highest version per sorting key (the last inserted without a version). */
        REPLACING("ReplacingMergeTree"),
        /** Sums numeric columns per sorting key. */
        SUMMING("SummingMergeTree"),
        /** Merges aggregate states per sorting key. */
        AGGREGATING("AggregatingMergeTree"),
        /** Cancels rows of opposite sign per sorting key. */
        COLLAPSING("CollapsingMergeTree"),
        /** Cancels rows of opposite sign per sorting key and version, in any order. */
        VERSIONED_COLLAPSING("VersionedCollapsingMergeTree"),
        /** Stores nothing: inserts are accepted and discarded (materialized views still fire). */
        NULL("Null");

        private final String engineName;

        Kind(String engineName) {
            this.engineName = engineName;
        }

        public String engineName() {
            return engineName;
        }
    }

    public EngineSpec {
        parameters = List.copyOf(parameters);
    }

    public static final EngineSpec MERGE_TREE = new EngineSpec(Kind.MERGE_TREE, List.of());

    /** Parses an engine clause; null or blank is MergeTree. */
    public static EngineSpec parse(String clause) {
        if (clause == null || clause.isBlank()) {
            return MERGE_TREE;
        }
        String text = clause.trim();
        int open = text.indexOf('(');
        String name = (open < 0 ? text : text.substring(0, open)).trim();
        if (name.startsWith("Replicated") && !name.equals("Replicated")) {
            name = name.substring("Replicated".length());
        }
        List<String> parameters = new ArrayList<>();
        if (open >= 0) {
            if (!text.endsWith(")")) {
                throw invalid(clause, "the parameter list is not closed");
            }
            for (String parameter : text.substring(open + 1, text.length() - 1).replace("(", " ").replace(")", " ")
                    .split(",")) {
                String trimmed = unquote(parameter.trim());
                if (!trimmed.isEmpty()) {
                    parameters.add(trimmed);
                }
            }
        }
        EngineSpec spec = new EngineSpec(kindOf(name), parameters);
        spec.checkArity(clause);
        return spec;
    }

    private static Kind kindOf(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.engineName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Engine [" + name + "] is not supported; use one of "
                + "MergeTree, ReplacingMergeTree, SummingMergeTree, AggregatingMergeTree, CollapsingMergeTree, "
                + "VersionedCollapsingMergeTree or Null");
    }

    /**
     * The clause for Tinybird's engine instructions, e.g. {@code clause("ReplacingMergeTree", "updated_at",
     * "deleted", null, null, null)} is {@code ReplacingMergeTree(updated_at, deleted)}. Null arguments are absent;
     * {@code summingColumns} is a comma-separated list.
     */
    public static String clause(String engine, String ver, String isDeleted, String sign, String version,
                                String summingColumns) {
        String text = engine == null || engine.isBlank() ? Kind.MERGE_TREE.engineName : engine.trim();
        if (text.contains("(")) {
            return parse(text).toString();
        }
        Kind kind = kindOf(text.startsWith("Replicated") ? text.substring("Replicated".length()) : text);
        List<String> parameters = new ArrayList<>();
        switch (kind) {
            case REPLACING -> {
                addIfPresent(parameters, ver);
                if (ver != null && !ver.isBlank()) {
                    addIfPresent(parameters, isDeleted);
                }
            }
            case SUMMING -> {
                if (summingColumns != null) {
                    for (String column : summingColumns.split(",")) {
                        addIfPresent(parameters, column);
                    }
                }
            }
            case COLLAPSING -> addIfPresent(parameters, sign);
            case VERSIONED_COLLAPSING -> {
                addIfPresent(parameters, sign);
                addIfPresent(parameters, version);
            }
            case MERGE_TREE, AGGREGATING, NULL -> {
            }
        }
        EngineSpec spec = new EngineSpec(kind, parameters);
        spec.checkArity(engine);
        return spec.toString();
    }

    private static void addIfPresent(List<String> parameters, String value) {
        if (value != null && !value.isBlank()) {
            parameters.add(unquote(value.trim()));
        }
    }

    private void checkArity(String clause) {
        int count = parameters.size();
        boolean ok = switch (kind) {
            case MERGE_TREE, AGGREGATING, NULL -> count == 0;
            case REPLACING -> count <= 2;
            case SUMMING -> true;
            case COLLAPSING -> count == 1;
            case VERSIONED_COLLAPSING -> count == 2;
        };
        if (!ok) {
            throw invalid(clause, kind.engineName + " takes " + switch (kind) {
                case MERGE_TREE, AGGREGATING, NULL -> "no parameters";
                case REPLACING -> "([version[, is_deleted]])";
                case SUMMING -> "([columns])";
                case COLLAPSING -> "(sign)";
                case VERSIONED_COLLAPSING -> "(sign, version)";
            });
        }
    }

    /** Checks that the parameters name columns of suitable types in {@code definition}. */
    public void validate(TableDefinition definition) {
        switch (kind) {
            case REPLACING -> {
                if (parameters.size() == 2) {
                    requireType(definition, parameters.get(1), new IntegerType(8, false), "is_deleted");
                }
                if (!parameters.isEmpty()) {
                    requireColumn(definition, parameters.get(0), "version");
                }
            }
            case SUMMING -> parameters.forEach(column -> requireColumn(definition, column, "summed"));
            case COLLAPSING -> requireType(definition, parameters.get(0), new IntegerType(8, true), "sign");
            case VERSIONED_COLLAPSING -> {
                requireType(definition, parameters.get(0), new IntegerType(8, true), "sign");
                requireColumn(definition, parameters.get(1), "version");
            }
            case MERGE_TREE, AGGREGATING, NULL -> {
            }
        }
    }

    private static int requireColumn(TableDefinition definition, String column, String role) {
        int index = definition.columnIndex(column);
        if (index < 0) {
            throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Engine " + role + " column [" + column
                    + "] does not exist in the table; name one of its columns");
        }
        return index;
    }

    private static void requireType(TableDefinition definition, String column, DataType expected, String role) {
        DataType actual = definition.columns().get(requireColumn(definition, column, role)).type();
        if (!actual.behavesAs().equals(expected)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Engine " + role + " column [" + column
                    + "] has type [" + actual.name() + "] but must be " + expected.name() + "; change its type");
        }
    }

    /** The version column (Replacing, VersionedCollapsing), or null. */
    public String versionColumn() {
        return switch (kind) {
            case REPLACING -> parameters.isEmpty() ? null : parameters.get(0);
            case VERSIONED_COLLAPSING -> parameters.get(1);
            case MERGE_TREE, SUMMING, AGGREGATING, COLLAPSING, NULL -> null;
        };
    }

    /** The is_deleted column of ReplacingMergeTree, or null. */
    public String isDeletedColumn() {
        return kind == Kind.REPLACING && parameters.size() == 2 ? parameters.get(1) : null;
    }

    /** The sign column of the collapsing engines, or null. */
    public String signColumn() {
        return kind == Kind.COLLAPSING || kind == Kind.VERSIONED_COLLAPSING ? parameters.get(0) : null;
    }

    /** The columns SummingMergeTree sums (empty: every numeric column outside the sorting key). */
    public List<String> summingColumns() {
        return kind == Kind.SUMMING ? parameters : List.of();
    }

    /** True when rows of equal sorting key are combined on merge (every engine but MergeTree and Null). */
    public boolean combinesRows() {
        return kind != Kind.MERGE_TREE && kind != Kind.NULL;
    }

    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return kind.engineName;
        }
        if (kind == Kind.SUMMING && parameters.size() > 1) {
            return kind.engineName + "((" + String.join(", ", parameters) + "))";
        }
        return kind.engineName + "(" + String.join(", ", parameters) + ")";
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '`' || text.charAt(0) == '"')
                && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static StarlingException invalid(String clause, String why) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "Engine [" + clause + "] is invalid: " + why
                + ". Write it as ClickHouse does, e.g. ReplacingMergeTree(updated_at)");
    }
}
