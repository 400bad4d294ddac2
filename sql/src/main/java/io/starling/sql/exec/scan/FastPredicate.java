package io.starling.sql.exec.scan;

import io.starling.sql.function.Types;
import io.starling.sql.plan.BoundExpression;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PREWHERE predicate that is a conjunction of {@code column op constant} comparisons on non-nullable String,
 * LowCardinality(String), integer, Date or DateTime columns, evaluated straight into a selection vector: no
 * per-row calls through the generic comparison kernels, no intermediate UInt8 columns, later conjuncts only
 * look at rows earlier ones kept. Only shapes whose answer is the plain bytewise or numeric comparison compile;
 * anything else leaves the predicate to the general evaluator. Immutable; one instance serves every worker.
 */
final class FastPredicate {
    private enum Op { EQ, NE, LT, LE, GT, GE }

    private sealed interface Atom permits StringAtom, DictionaryAtom, LongAtom {
    }

    /** {@code column = / != value} on a String column. */
    private record StringAtom(int column, byte[] value, boolean negate) implements Atom {
    }

    /** {@code column = / != value} on a LowCardinality(String) column: the dictionary is checked, rows look up codes. */
    private record DictionaryAtom(int column, byte[] value, boolean negate) implements Atom {
    }

    /** {@code column op value} on an integer-like column with a constant of the same type. */
    private record LongAtom(int column, Op op, long value, boolean unsigned) implements Atom {
    }

    private final Atom[] atoms;

    private FastPredicate(Atom[] atoms) {
        this.atoms = atoms;
    }

    /** The compiled predicate over columns of {@code types}, or null when some part is not a supported shape. */
    static FastPredicate compile(BoundExpression predicate, List<DataType> types) {
        List<Atom> atoms = new ArrayList<>();
        return collect(predicate, types, atoms) && !atoms.isEmpty() ? new FastPredicate(atoms.toArray(Atom[]::new)) : null;
    }

    private static boolean collect(BoundExpression expression, List<DataType> types, List<Atom> atoms) {
        if (!(expression instanceof BoundExpression.Call call)) {
            return false;
        }
        String function = call.function().name();
        if (function.equals("and")) {
            for (BoundExpression argument : call.arguments()) {
                if (!collect(argument, types, atoms)) {
                    return false;
                }
            }
            return true;
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
        if (!(left instanceof BoundExpression.InputColumn input) || !(right instanceof BoundExpression.Constant constant)
                || constant.value() == null) {
            return false;
        }
        Op op = switch (function) {
            case "equals" -> Op.EQ;
            case "notEquals" -> Op.NE;
            case "less" -> flipped ? Op.GT : Op.LT;
            case "lessOrEquals" -> flipped ? Op.GE : Op.LE;
            case "greater" -> flipped ? Op.LT : Op.GT;
            case "greaterOrEquals" -> flipped ? Op.LE : Op.GE;
            default -> null;
        };
        if (op == null) {
            return false;
        }
        DataType type = types.get(input.index());
        DataType constantType = constant.type();
        if (type.isNullable() || constantType.isNullable()) {
            return false;
        }
        if (type instanceof StringType && constantType instanceof StringType && constant.value() instanceof String text
                && (op == Op.EQ || op == Op.NE)) {
            atoms.add(new StringAtom(input.index(), text.getBytes(StandardCharsets.UTF_8), op == Op.NE));
            return true;
        }
        if (type instanceof io.starling.storage.type.LowCardinalityType lowCardinality
                && lowCardinality.inner() instanceof StringType && constantType instanceof StringType
                && constant.value() instanceof String text && (op == Op.EQ || op == Op.NE)) {
            atoms.add(new DictionaryAtom(input.index(), text.getBytes(StandardCharsets.UTF_8), op == Op.NE));
            return true;
        }
        if (type.physical() == PhysicalKind.LONG && constant.value() instanceof Long number && sameIntegerType(type, constantType)) {
            atoms.add(new LongAtom(input.index(), op, number, Types.isUnsigned64(type)));
            return true;
        }
        return false;
    }

    /** Same integer, Date or DateTime type (time zones aside): the comparison is then the plain numeric one. */
    private static boolean sameIntegerType(DataType column, DataType constant) {
        String a = column.name();
        String b = constant.name();
        if (a.startsWith("DateTime64") || b.startsWith("DateTime64") || a.startsWith("Decimal") || b.startsWith("Decimal")
                || a.startsWith("Enum") || b.startsWith("Enum")) {
            return false;
        }
        if (a.startsWith("DateTime") && b.startsWith("DateTime")) {
            return true;
        }
        return a.equals(b) && (a.startsWith("Int") || a.startsWith("UInt") || a.equals("Date") || a.equals("Date32"));
    }

    /**
     * Writes the rows {@code [0, rows)} of {@code columns} that satisfy every conjunct into {@code positions} and
     * returns their count, or -1 when a column is not of the shape compiled for (the caller falls back).
     */
    int select(List<Column> columns, int rows, int[] positions) {
        int count = -1;
        for (Atom atom : atoms) {
            count = switch (atom) {
                case StringAtom string -> columns.get(string.column()) instanceof StringColumn column
                        && DataTypes.fixedByteWidth(column.type()) < 0 ? strings(string, column, rows, count, positions) : -2;
                case DictionaryAtom dictionary -> columns.get(dictionary.column()) instanceof LowCardinalityColumn column
                        && column.dictionary() instanceof StringColumn ? dictionary(dictionary, column, rows, count, positions) : -2;
                case LongAtom number -> columns.get(number.column()) instanceof LongColumn column
                        ? longs(number, column, rows, count, positions) : -2;
            };
            if (count == -2) {
                return -1;
            }
            if (count == 0) {
                return 0;
            }
        }
        return count;
    }

    /** {@code previous} < 0: all rows are candidates; else the first {@code previous} positions are. */
    private static int strings(StringAtom atom, StringColumn column, int rows, int previous, int[] positions) {
        byte[] value = atom.value();
        int length = value.length;
        byte[] bytes = column.rawBytes();
        boolean keep = !atom.negate();
        int count = 0;
        int candidates = previous < 0 ? rows : previous;
        for (int i = 0; i < candidates; i++) {
            int row = previous < 0 ? i : positions[i];
            int start = column.valueOffset(row);
            boolean equal = column.valueLength(row) == length && equalBytes(bytes, start, value, length);
            positions[count] = row;
            count += equal == keep ? 1 : 0;
        }
        return count;
    }

    private static boolean equalBytes(byte[] bytes, int start, byte[] value, int length) {
        // short keys (ids, tenants) differ mostly at the end: compare from the back
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[start + i] != value[i]) {
                return false;
            }
        }
        return true;
    }

    private static int dictionary(DictionaryAtom atom, LowCardinalityColumn column, int rows, int previous, int[] positions) {
        StringColumn dictionary = (StringColumn) column.dictionary();
        int size = dictionary.size();
        boolean[] match = new boolean[size];
        byte[] value = atom.value();
        boolean any = false;
        for (int d = 0; d < size; d++) {
            boolean equal = dictionary.valueLength(d) == value.length
                    && equalBytes(dictionary.rawBytes(), dictionary.valueOffset(d), value, value.length);
            match[d] = equal != atom.negate();
            any |= match[d];
        }
        if (!any) {
            return 0;
        }
        int[] codes = column.rawCodes();
        int offset = column.rawOffset();
        int count = 0;
        int candidates = previous < 0 ? rows : previous;
        for (int i = 0; i < candidates; i++) {
            int row = previous < 0 ? i : positions[i];
            positions[count] = row;
            count += match[codes[offset + row]] ? 1 : 0;
        }
        return count;
    }

    private static int longs(LongAtom atom, LongColumn column, int rows, int previous, int[] positions) {
        long[] values = column.rawValues();
        int offset = column.rawOffset();
        // unsigned 64-bit values compare as signed after flipping the sign bit
        long flip = atom.unsigned() ? Long.MIN_VALUE : 0L;
        long bound = atom.value() ^ flip;
        int count = 0;
        int candidates = previous < 0 ? rows : previous;
        if (atom.op() == Op.NE) {
            for (int i = 0; i < candidates; i++) {
                int row = previous < 0 ? i : positions[i];
                positions[count] = row;
                count += (values[offset + row] ^ flip) != bound ? 1 : 0;
            }
            return count;
        }
        // every other operator is an inclusive range [low, high] of the flipped values
        long low = Long.MIN_VALUE;
        long high = Long.MAX_VALUE;
        switch (atom.op()) {
            case EQ -> {
                low = bound;
                high = bound;
            }
            case LT -> {
                if (bound == Long.MIN_VALUE) {
                    return 0;
                }
                high = bound - 1;
            }
            case LE -> high = bound;
            case GT -> {
                if (bound == Long.MAX_VALUE) {
                    return 0;
                }
                low = bound + 1;
            }
            case GE -> low = bound;
            default -> throw new IllegalStateException("unreachable");
        }
        for (int i = 0; i < candidates; i++) {
            int row = previous < 0 ? i : positions[i];
            long value = values[offset + row] ^ flip;
            positions[count] = row;
            count += value >= low && value <= high ? 1 : 0;
        }
        return count;
    }
}
