package io.starling.sql.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.storage.column.Int256;
import io.starling.storage.index.IndexPredicate;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How constants become exact bounds and skip-index constants for Decimal128/Decimal256 columns. */
class WideDecimalKeysTest {
    private static final DecimalType D128 = DecimalType.decimal128(2);
    private static final DecimalType D256 = DecimalType.decimal256(3);

    @Test
    void integerAndDecimalConstantsGiveExactBounds() {
        WideDecimalKeys.Range range = WideDecimalKeys.range("greater", 12L, IntegerType.INT64);
        assertThat(range.low()).isEqualByComparingTo("12");
        assertThat(range.lowInclusive()).isFalse();
        assertThat(range.high()).isNull();
        range = WideDecimalKeys.range("lessOrEquals", BigInteger.valueOf(1555), D256);
        assertThat(range.high()).isEqualByComparingTo("1.555");
        assertThat(range.highInclusive()).isTrue();
        // UInt64 above Long.MAX_VALUE arrives as a negative long
        range = WideDecimalKeys.range("equals", -1L, IntegerType.UINT64);
        assertThat(range.low()).isEqualByComparingTo("18446744073709551615");
    }

    @Test
    void floatConstantsWidenToInclusiveBoundsAroundTheirBinaryValue() {
        WideDecimalKeys.Range range = WideDecimalKeys.range("greater", 12.5, FloatType.FLOAT64);
        assertThat(range.lowInclusive()).isTrue();
        assertThat(range.low()).isLessThan(new BigDecimal("12.5")).isGreaterThan(new BigDecimal("12.4999999"));
        range = WideDecimalKeys.range("less", 0.0, FloatType.FLOAT64);
        assertThat(range.high()).isEqualByComparingTo("0");
        assertThat(range.highInclusive()).isTrue();
        assertThat(WideDecimalKeys.range("less", Double.NaN, FloatType.FLOAT64)).isNull();
        assertThat(WideDecimalKeys.range("equals", "1.5", io.starling.storage.type.StringType.STRING)).isNull();
    }

    @Test
    void rangesWithoutAValueOfTheColumnsScaleHoldNothing() {
        assertThat(WideDecimalKeys.holdsNoValue(WideDecimalKeys.range("equals", BigInteger.valueOf(1555), D256), D128))
                .isTrue();
        assertThat(WideDecimalKeys.holdsNoValue(WideDecimalKeys.range("equals", 1.25, FloatType.FLOAT64), D128))
                .isFalse();
        assertThat(WideDecimalKeys.holdsNoValue(new WideDecimalKeys.Range(new BigDecimal("1.5"), false,
                new BigDecimal("1.5"), true, false), D128)).isTrue();
        assertThat(WideDecimalKeys.holdsNoValue(new WideDecimalKeys.Range(new BigDecimal("1.501"), true,
                new BigDecimal("1.509"), true, false), D128)).isTrue();
        assertThat(WideDecimalKeys.holdsNoValue(new WideDecimalKeys.Range(new BigDecimal("1.5"), true,
                null, false, false), D128)).isFalse();
    }

    @Test
    void inKeepsOnlyValuesWithAnExactFormAtTheScale() {
        DataType set = new io.starling.storage.type.ArrayType(FloatType.FLOAT64);
        assertThat(WideDecimalKeys.set(List.of(1L, 1.5, 1.555), set, D128))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1"), new BigDecimal("1.5"));
        assertThat(WideDecimalKeys.set(List.of("abc"), new io.starling.storage.type.ArrayType(
                io.starling.storage.type.StringType.STRING), D128)).isNull();
    }

    @Test
    void indexBoundsRoundInwardsToTheColumnsScale() {
        // column > 1.555 at scale 2 is column >= 1.56; column < 1.555 is column <= 1.55
        List<IndexPredicate> predicates = WideDecimalKeys.indexPredicates("d",
                new WideDecimalKeys.Range(new BigDecimal("1.555"), false, new BigDecimal("2.555"), false, false), D128);
        assertThat(predicates).containsExactly(
                IndexPredicate.of("d", IndexPredicate.Op.GREATER_OR_EQUAL, BigInteger.valueOf(156)),
                IndexPredicate.of("d", IndexPredicate.Op.LESS_OR_EQUAL, BigInteger.valueOf(255)));
        // exact bounds stay strict
        predicates = WideDecimalKeys.indexPredicates("d",
                new WideDecimalKeys.Range(new BigDecimal("1.5"), false, null, false, false), D128);
        assertThat(predicates).containsExactly(IndexPredicate.of("d", IndexPredicate.Op.GREATER, BigInteger.valueOf(150)));
        // one possible value: an equality, as the 32-byte encoding for Decimal256
        predicates = WideDecimalKeys.indexPredicates("d", WideDecimalKeys.range("equals", 2.5, FloatType.FLOAT64), D256);
        assertThat(predicates).hasSize(1);
        assertThat(predicates.get(0).op()).isEqualTo(IndexPredicate.Op.EQUALS);
        assertThat((byte[]) predicates.get(0).values().get(0)).isEqualTo(Int256.encode(2500));
    }

    @Test
    void boundsBeyondTheTypeEitherEmptyTheRangeOrDropOut() {
        BigDecimal huge = new BigDecimal("1e60");
        assertThat(WideDecimalKeys.indexPredicates("d", new WideDecimalKeys.Range(huge, true, null, false, false), D128))
                .containsExactly(new IndexPredicate("d", IndexPredicate.Op.IN, List.of()));
        assertThat(WideDecimalKeys.indexPredicates("d", new WideDecimalKeys.Range(null, false, huge, true, false), D128))
                .isEmpty();
        assertThat(WideDecimalKeys.indexPredicates("d", new WideDecimalKeys.Range(huge.negate(), true, null, false,
                false), D128)).isEmpty();
        assertThat(WideDecimalKeys.indexPredicates("d", new WideDecimalKeys.Range(null, false, huge.negate(), false,
                false), D128)).containsExactly(new IndexPredicate("d", IndexPredicate.Op.IN, List.of()));
    }
}
