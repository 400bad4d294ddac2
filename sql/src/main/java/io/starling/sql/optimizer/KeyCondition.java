package io.starling.sql.optimizer;

import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.part.DataPart;
import io.starling.storage.type.DataType;
import io.starling.storage.type.PhysicalKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Primary-key range analysis and partition pruning. From the WHERE conjunctions of the form
 * {@code column op constant} ({@code =, <, <=, >, >=, IN}; BETWEEN arrives as two of them) on sorting-key or
 * partition-key columns, it decides per part (partition min/max) and per granule (primary.idx) whether a row
 * can match. A granule {@code g} holds key tuples between entry {@code g} and entry {@code g+1} of the index,
 * so key column {@code k} is bounded only while columns {@code 0..k-1} are equal at both ends.
 * Conservative: it only skips granules that cannot hold a matching row. Immutable and thread-safe.
 */
public final class KeyCondition implements GranuleFilter {
    /** One conjunct on one column: a closed/open range, or a set of values. Values are Long or byte[]. */
    record Atom(String column, Object low, boolean lowInclusive, Object high, boolean highInclusive, List<Object> set) {
        /** Whether some value in {@code [min, max]} (null = unbounded) satisfies the atom. */
        boolean intersects(Object min, Object max, boolean unsigned) {
            if (set != null) {
                for (Object value : set) {
                    if ((min == null || compare(value, min, unsigned) >= 0) && (max == null || compare(value, max, unsigned) <= 0)) {
                        return true;
                    }
                }
                return false;
            }
            if (low != null && max != null) {
                int c = compare(max, low, unsigned);
                if (c < 0 || (c == 0 && !lowInclusive)) {
                    return false;
                }
            }
            if (high != null && min != null) {
                int c = compare(min, high, unsigned);
                return c < 0 || (c == 0 && highInclusive);
            }
            return true;
        }
    }

    private final List<String> sortingKey;
    private final List<Atom> atoms;
    private final Map<String, Boolean> unsigned;

    private KeyCondition(List<String> sortingKey, List<Atom> atoms, Map<String, Boolean> unsigned) {
        this.sortingKey = sortingKey;
        this.atoms = atoms;
        this.unsigned = unsigned;
    }

    /**
     * The condition of {@code predicate} (over columns named {@code columnNames} with {@code columnTypes}), or null
     * when no conjunct restricts a key column.
     */
    public static KeyCondition of(BoundExpression predicate, List<String> columnNames, List<DataType> columnTypes,
                                  List<String> sortingKey) {
        List<Atom> atoms = new ArrayList<>();
        collect(predicate, columnNames, columnTypes, atoms);
        if (atoms.isEmpty()) {
            return null;
        }
        Map<String, Boolean> unsigned = new java.util.HashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            unsigned.put(columnNames.get(i), isUnsigned(columnTypes.get(i)));
        }
        return new KeyCondition(List.copyOf(sortingKey), List.copyOf(atoms), unsigned);
    }

    private static boolean isUnsigned(DataType type) {
        String name = Types.base(type).name();
        return name.startsWith("UInt") || name.startsWith("Date");
    }

    private static void collect(BoundExpression expression, List<String> names, List<DataType> types, List<Atom> atoms) {
        if (!(expression instanceof BoundExpression.Call call)) {
            return;
        }
        String function = call.function().name();
        if (function.equals("and")) {
            call.arguments().forEach(argument -> collect(argument, names, types, atoms));
            return;
        }
        if (call.arguments().size() != 2) {
            return;
        }
        BoundExpression left = call.arguments().get(0);
        BoundExpression right = call.arguments().get(1);
        boolean flipped = false;
        if (left instanceof BoundExpression.Constant && right instanceof BoundExpression.InputColumn) {
            BoundExpression swap = left;
            left = right;
            right = swap;
            flipped = true;
        }
        if (!(left instanceof BoundExpression.InputColumn column) || !(right instanceof BoundExpression.Constant constant)
                || constant.value() == null) {
            return;
        }
        String name = names.get(column.index());
        DataType columnType = Types.base(Types.stripLowCardinality(types.get(column.index())));
        if (function.equals("in")) {
            if (!(constant.value() instanceof List<?> values)) {
                return;
            }
            List<Object> set = new ArrayList<>();
            for (Object value : values) {
                Object key = keyValue(value, columnType, constantElementType(constant.type()));
                if (key == null) {
                    return;
                }
                set.add(key);
            }
            atoms.add(new Atom(name, null, false, null, false, set));
            return;
        }
        Object value = keyValue(constant.value(), columnType, Types.base(constant.type()));
        if (value == null) {
            return;
        }
        String op = flipped ? flip(function) : function;
        switch (op) {
            case "equals" -> atoms.add(new Atom(name, value, true, value, true, null));
            case "less" -> atoms.add(new Atom(name, null, false, value, false, null));
            case "lessOrEquals" -> atoms.add(new Atom(name, null, false, value, true, null));
            case "greater" -> atoms.add(new Atom(name, value, false, null, false, null));
            case "greaterOrEquals" -> atoms.add(new Atom(name, value, true, null, false, null));
            default -> {
            }
        }
    }

    private static DataType constantElementType(DataType type) {
        return type instanceof io.starling.storage.type.ArrayType array ? Types.base(array.element()) : type;
    }

    private static String flip(String function) {
        return switch (function) {
            case "less" -> "greater";
            case "lessOrEquals" -> "greaterOrEquals";
            case "greater" -> "less";
            case "greaterOrEquals" -> "lessOrEquals";
            default -> function;
        };
    }

    /** The constant as a comparable key value for a column of {@code columnType}, or null when types differ. */
    private static Object keyValue(Object value, DataType columnType, DataType constantType) {
        PhysicalKind kind = columnType.physical();
        if (kind == PhysicalKind.BYTES && value instanceof String text && Types.isString(constantType)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (kind == PhysicalKind.LONG && value instanceof Long number) {
            String column = columnType.name();
            String constant = constantType.name();
            boolean columnTime = column.startsWith("Date");
            boolean constantTime = constant.startsWith("Date");
            if (columnTime || constantTime) {
                return column.equals(constant) || (column.startsWith("DateTime") && constant.startsWith("DateTime")
                        && !column.startsWith("DateTime64") && !constant.startsWith("DateTime64")) ? number : null;
            }
            return column.startsWith("Int") || column.startsWith("UInt") ? number : null;
        }
        return null;
    }

    static int compare(Object left, Object right, boolean unsigned) {
        if (left instanceof Long a && right instanceof Long b) {
            return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
        }
        return Arrays.compareUnsigned((byte[]) left, (byte[]) right);
    }

    /** Whether the part can hold matching rows, judged by its partition min/max. */
    public boolean mayMatch(DataPart part) {
        for (Atom atom : atoms) {
            Column minMax = part.partitionMinMax().get(atom.column());
            if (minMax == null || minMax.size() < 2) {
                continue;
            }
            Object min = value(minMax, 0);
            Object max = value(minMax, 1);
            if (min != null && max != null && !atom.intersects(min, max, unsigned.get(atom.column()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BitSet granules(DataPart part) {
        int granules = part.granuleCount();
        BitSet selected = new BitSet(granules);
        if (!mayMatch(part)) {
            return selected;
        }
        Block index = part.primaryIndex();
        int keyColumns = Math.min(index.columnCount(), sortingKey.size());
        List<List<Atom>> perKey = new ArrayList<>();
        boolean any = false;
        for (int k = 0; k < keyColumns; k++) {
            List<Atom> mine = new ArrayList<>();
            for (Atom atom : atoms) {
                if (atom.column().equals(sortingKey.get(k))) {
                    mine.add(atom);
                }
            }
            perKey.add(mine);
            any |= !mine.isEmpty();
        }
        if (!any) {
            selected.set(0, granules);
            return selected;
        }
        Object[] low = new Object[keyColumns];
        Object[] high = new Object[keyColumns];
        for (int g = 0; g < granules; g++) {
            boolean last = g + 1 >= granules;
            boolean keep = true;
            for (int k = 0; k < keyColumns && keep; k++) {
                Column column = index.column(k);
                low[k] = value(column, g);
                high[k] = last ? null : value(column, g + 1);
                if (low[k] == null) {
                    break;
                }
                boolean isUnsigned = unsigned.getOrDefault(sortingKey.get(k), false);
                for (Atom atom : perKey.get(k)) {
                    if (!atom.intersects(low[k], high[k], isUnsigned)) {
                        keep = false;
                        break;
                    }
                }
                if (high[k] == null || compare(low[k], high[k], isUnsigned) != 0) {
                    break;
                }
            }
            if (keep) {
                selected.set(g);
            }
        }
        return selected;
    }

    /** A key value of a primary-index or min/max column: Long, byte[], or null when the type is not handled. */
    private static Object value(Column column, int row) {
        return switch (column) {
            case LongColumn longs -> longs.getLong(row);
            case StringColumn strings -> strings.getBytes(row);
            case LowCardinalityColumn lowCardinality -> value(lowCardinality.dictionary(), lowCardinality.code(row));
            default -> null;
        };
    }
}
