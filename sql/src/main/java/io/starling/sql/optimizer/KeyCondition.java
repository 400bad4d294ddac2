package io.starling.sql.optimizer;

import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.Int128Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.part.DataPart;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
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
    /**
     * One conjunct on one column: a closed/open range, or a set of values. Values are Long, byte[] or (Decimal128
     * and Decimal256 columns) BigDecimal.
     */
    record Atom(String column, Object low, boolean lowInclusive, Object high, boolean highInclusive, List<Object> set,
                boolean exactCapable) {
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

        /** Whether every value in {@code [min, max]} satisfies the atom (false when a bound is unknown). */
        boolean contains(Object min, Object max, boolean unsigned) {
            if (!exactCapable || min == null || max == null) {
                return false;
            }
            if (set != null) {
                if (compare(min, max, unsigned) != 0) {
                    return false;
                }
                for (Object value : set) {
                    if (compare(value, min, unsigned) == 0) {
                        return true;
                    }
                }
                return false;
            }
            if (low != null) {
                int c = compare(min, low, unsigned);
                if (c < 0 || (c == 0 && !lowInclusive)) {
                    return false;
                }
            }
            if (high != null) {
                int c = compare(max, high, unsigned);
                return c < 0 || (c == 0 && highInclusive);
            }
            return true;
        }
    }

    /**
     * The granules of one part a scan reads, and among them the granules where every row satisfies the whole
     * predicate (a scan can skip evaluating it there, and skip reading its columns when nothing else needs them).
     */
    public record Selection(BitSet granules, BitSet exact) {
    }

    private final List<String> sortingKey;
    private final List<Atom> atoms;
    private final Map<String, Boolean> unsigned;
    /** True when the predicate is exactly the conjunction of the atoms (every conjunct became an atom). */
    private final boolean complete;

    private KeyCondition(List<String> sortingKey, List<Atom> atoms, Map<String, Boolean> unsigned, boolean complete) {
        this.sortingKey = sortingKey;
        this.atoms = atoms;
        this.unsigned = unsigned;
        this.complete = complete;
    }

    /**
     * The condition of {@code predicate} (over columns named {@code columnNames} with {@code columnTypes}), or null
     * when no conjunct restricts a key column.
     */
    public static KeyCondition of(BoundExpression predicate, List<String> columnNames, List<DataType> columnTypes,
                                  List<String> sortingKey) {
        List<Atom> atoms = new ArrayList<>();
        boolean complete = collect(predicate, columnNames, columnTypes, atoms);
        if (atoms.isEmpty()) {
            return null;
        }
        Map<String, Boolean> unsigned = new java.util.HashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            unsigned.put(columnNames.get(i), isUnsigned(columnTypes.get(i)));
        }
        return new KeyCondition(List.copyOf(sortingKey), List.copyOf(atoms), unsigned, complete);
    }

    private static boolean isUnsigned(DataType type) {
        String name = Types.base(type).name();
        return name.startsWith("UInt") || name.startsWith("Date");
    }

    /** Adds the atoms of {@code expression}; true when it is exactly their conjunction (nothing was left out). */
    private static boolean collect(BoundExpression expression, List<String> names, List<DataType> types, List<Atom> atoms) {
        if (!(expression instanceof BoundExpression.Call call)) {
            return false;
        }
        String function = call.function().name();
        if (function.equals("and")) {
            boolean complete = true;
            for (BoundExpression argument : call.arguments()) {
                complete &= collect(argument, names, types, atoms);
            }
            return complete;
        }
        if (call.arguments().size() != 2) {
            return false;
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
            return false;
        }
        String name = names.get(column.index());
        DataType declared = types.get(column.index());
        DataType columnType = Types.base(Types.stripLowCardinality(declared));
        if (WideDecimalKeys.applies(columnType)) {
            wideDecimal(function, flipped, name, (DecimalType) columnType, constant, atoms);
            return false; // the atoms only narrow the granules; the predicate still filters every row
        }
        if (function.equals("in")) {
            if (!(constant.value() instanceof List<?> values)) {
                return false;
            }
            DataType elementType = constantElementType(constant.type());
            List<Object> set = new ArrayList<>();
            boolean exact = true;
            for (Object value : values) {
                Object key = keyValue(value, columnType, elementType);
                if (key == null) {
                    return false;
                }
                exact &= exactCapable(key, declared, columnType, elementType);
                set.add(key);
            }
            atoms.add(new Atom(name, null, false, null, false, set, exact));
            return exact;
        }
        DataType constantType = Types.base(constant.type());
        Object value = keyValue(constant.value(), columnType, constantType);
        if (value == null) {
            return false;
        }
        boolean exact = exactCapable(value, declared, columnType, constantType);
        String op = flipped ? flip(function) : function;
        switch (op) {
            case "equals" -> atoms.add(new Atom(name, value, true, value, true, null, exact));
            case "less" -> atoms.add(new Atom(name, null, false, value, false, null, exact));
            case "lessOrEquals" -> atoms.add(new Atom(name, null, false, value, true, null, exact));
            case "greater" -> atoms.add(new Atom(name, value, false, null, false, null, exact));
            case "greaterOrEquals" -> atoms.add(new Atom(name, value, true, null, false, null, exact));
            default -> {
                return false;
            }
        }
        return exact;
    }

    /** Adds the atom of a comparison or IN on a Decimal128/Decimal256 column, when its constant can be used. */
    private static void wideDecimal(String function, boolean flipped, String name, DecimalType column,
                                    BoundExpression.Constant constant, List<Atom> atoms) {
        if (function.equals("in")) {
            if (constant.value() instanceof List<?> values) {
                List<java.math.BigDecimal> set = WideDecimalKeys.set(values, constant.type(), column);
                if (set != null) {
                    atoms.add(new Atom(name, null, false, null, false, List.copyOf(set), false));
                }
            }
            return;
        }
        WideDecimalKeys.Range range = WideDecimalKeys.range(flipped ? flip(function) : function, constant.value(),
                constant.type());
        if (range == null) {
            return;
        }
        atoms.add(WideDecimalKeys.holdsNoValue(range, column) ? new Atom(name, null, false, null, false, List.of(), false)
                : new Atom(name, range.low(), range.lowInclusive(), range.high(), range.highInclusive(), null, false));
    }

    /**
     * Whether comparing key values as {@link #compare} does gives exactly the SQL comparison's answer, so a granule
     * whose key range lies inside the atom matches on every row: plain String with a String constant, integers
     * and dates with a constant whose sign cannot be misread, never Nullable or FixedString.
     */
    private static boolean exactCapable(Object key, DataType declared, DataType columnType, DataType constantType) {
        if (Types.stripLowCardinality(declared) instanceof io.starling.storage.type.NullableType) {
            return false;
        }
        if (key instanceof byte[]) {
            return io.starling.storage.type.DataTypes.fixedByteWidth(columnType) < 0;
        }
        if (key instanceof Long number) {
            String column = columnType.name();
            if (column.startsWith("Date")) {
                return true; // keyValue only accepts the same date type (or two plain DateTimes)
            }
            boolean constantSigned = constantType.name().startsWith("Int");
            return column.startsWith("UInt") ? number >= 0 : constantSigned || number >= 0;
        }
        return false;
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
        if (kind == PhysicalKind.BYTES && value instanceof String text && Types.isString(constantType)
                && !(columnType.behavesAs() instanceof io.starling.storage.type.DecimalType)) {
            // (Decimal256 keys hold 32-byte encodings, never text)
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
        if (left instanceof java.math.BigDecimal a && right instanceof java.math.BigDecimal b) {
            return a.compareTo(b);
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
        return select(part).granules();
    }

    /**
     * The granules of {@code part} that may hold matching rows, and those where every row matches. Works on
     * ranges of granules: a range {@code [a, b)} holds key tuples between index entries {@code a} and {@code b}
     * (unbounded above when {@code b} is the end), so a range that cannot match is dropped whole, a range
     * inside the condition is taken whole, and only the others are split. A sorting-key prefix condition costs
     * O(log granules) checks instead of one per granule.
     */
    public Selection select(DataPart part) {
        int granules = part.granuleCount();
        BitSet selected = new BitSet(granules);
        BitSet exact = new BitSet(granules);
        if (granules == 0 || !mayMatch(part)) {
            return new Selection(selected, exact);
        }
        Block index = part.primaryIndex();
        int keyColumns = Math.min(index.columnCount(), sortingKey.size());
        List<List<Atom>> perKey = new ArrayList<>();
        int keyAtoms = 0;
        for (int k = 0; k < keyColumns; k++) {
            List<Atom> mine = new ArrayList<>();
            for (Atom atom : atoms) {
                if (atom.column().equals(sortingKey.get(k))) {
                    mine.add(atom);
                }
            }
            perKey.add(mine);
            keyAtoms += mine.size();
        }
        if (keyAtoms == 0 || index.rowCount() < granules) {
            selected.set(0, granules);
            return new Selection(selected, exact);
        }
        // every atom is on a key column, and the predicate is their conjunction: a range can match on every row
        boolean exactPossible = complete && keyAtoms == atoms.size();
        boolean[] unsignedKey = new boolean[keyColumns];
        for (int k = 0; k < keyColumns; k++) {
            unsignedKey[k] = unsigned.getOrDefault(sortingKey.get(k), false);
        }
        int[] stack = new int[128];
        int top = 0;
        stack[top++] = 0;
        stack[top++] = granules;
        while (top > 0) {
            int end = stack[--top];
            int begin = stack[--top];
            int verdict = check(index, begin, end < granules ? end : -1, perKey, unsignedKey, exactPossible);
            if (verdict == NONE) {
                continue;
            }
            if (verdict == ALL) {
                selected.set(begin, end);
                exact.set(begin, end);
                continue;
            }
            if (end - begin == 1) {
                selected.set(begin);
                continue;
            }
            if (top + 4 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            int middle = (begin + end) >>> 1;
            stack[top++] = middle;
            stack[top++] = end;
            stack[top++] = begin;
            stack[top++] = middle;
        }
        return new Selection(selected, exact);
    }

    private static final int NONE = 0;
    private static final int SOME = 1;
    private static final int ALL = 2;

    /** Whether rows of granules {@code [begin, end)} can match (SOME), cannot (NONE) or all do (ALL); end -1: unbounded. */
    private static int check(Block index, int begin, int end, List<List<Atom>> perKey, boolean[] unsignedKey,
                             boolean exactPossible) {
        boolean all = exactPossible;
        int keyColumns = perKey.size();
        for (int k = 0; k < keyColumns; k++) {
            Column column = index.column(k);
            Object low = value(column, begin);
            if (low == null) {
                return hasAtomsFrom(perKey, k) ? SOME : (all ? ALL : SOME);
            }
            Object high = end < 0 ? null : value(column, end);
            for (Atom atom : perKey.get(k)) {
                if (!atom.intersects(low, high, unsignedKey[k])) {
                    return NONE;
                }
                if (all && !atom.contains(low, high, unsignedKey[k])) {
                    all = false;
                }
            }
            if (high == null || compare(low, high, unsignedKey[k]) != 0) {
                // later key columns are not bounded in this range
                return all && !hasAtomsFrom(perKey, k + 1) ? ALL : SOME;
            }
        }
        return all ? ALL : SOME;
    }

    private static boolean hasAtomsFrom(List<List<Atom>> perKey, int from) {
        for (int k = from; k < perKey.size(); k++) {
            if (!perKey.get(k).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A key value of a primary-index or min/max column: Long, byte[], BigDecimal (Decimal128 and Decimal256), or
     * null when the type is not handled.
     */
    private static Object value(Column column, int row) {
        return switch (column) {
            case LongColumn longs -> longs.getLong(row);
            case Int128Column wide -> WideDecimalKeys.value(wide, row);
            case StringColumn strings when WideDecimalKeys.applies(strings.type().behavesAs()) ->
                    WideDecimalKeys.value(strings, row);
            case StringColumn strings -> strings.getBytes(row);
            case LowCardinalityColumn lowCardinality -> value(lowCardinality.dictionary(), lowCardinality.code(row));
            default -> null;
        };
    }
}
