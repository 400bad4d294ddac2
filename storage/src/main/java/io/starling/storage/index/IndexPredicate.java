package io.starling.storage.index;

import java.util.List;
import java.util.Objects;

/**
 * A simple condition the SQL planner hands to the skip indexes: {@code expression op constants}. The expression is
 * matched against index expressions by text (for column indexes: the column name).
 *
 * <ul>
 *   <li>{@link Op#EQUALS}, {@link Op#IN}: the value equals one of {@code values} (minmax, set, bloom_filter;
 *       tokenbf_v1 and ngrambf_v1 for strings).</li>
 *   <li>{@link Op#LESS} .. {@link Op#GREATER_OR_EQUAL}: one value, a range (minmax, set).</li>
 *   <li>{@link Op#LIKE}: one LIKE pattern with {@code %} and {@code _} (tokenbf_v1: whole tokens of the pattern;
 *       ngrambf_v1: n-grams of its literal runs; minmax: a literal prefix).</li>
 *   <li>{@link Op#HAS}: {@code has(arrayColumn, value)} (bloom_filter, set, minmax on the elements).</li>
 *   <li>{@link Op#HAS_TOKEN}: {@code hasToken(column, 'token')} (tokenbf_v1).</li>
 * </ul>
 * Constants are Long/Integer/BigInteger (integers, dates as days, DateTime as epoch seconds), Double, String or
 * byte[]. Decimals are unscaled at the column's scale: a Long for Decimal32/64, a BigInteger (or Long) for
 * Decimal128, the 32-byte {@code Int256} encoding for Decimal256. A constant an index cannot represent makes that
 * index keep every granule.
 */
public record IndexPredicate(String expression, Op op, List<Object> values) {
    public enum Op { EQUALS, IN, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, LIKE, HAS, HAS_TOKEN }

    public IndexPredicate {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        if (values.isEmpty() && op != Op.IN) {
            throw new IllegalArgumentException(op + " needs a constant");
        }
    }

    public static IndexPredicate of(String expression, Op op, Object... values) {
        return new IndexPredicate(expression, op, List.of(values));
    }
}
