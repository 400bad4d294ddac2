package io.starling.storage.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Int128Test {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();

    private static Int128 of(BigInteger value) {
        return new Int128(value.shiftRight(64).longValue(), value.longValue());
    }

    private static BigInteger big(Int128 value) {
        return BigInteger.valueOf(value.high).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(value.low)));
    }

    private static boolean parse(Int128 target, String text, int precision, int scale) {
        return target.parseDecimal(text.toCharArray(), 0, text.length(), precision, scale);
    }

    @Test
    void parsesAndPrintsDecimalsExactly() {
        Int128 value = new Int128();
        assertThat(parse(value, "12345678901234567890.123456789", 38, 9)).isTrue();
        assertThat(big(value)).isEqualTo(new BigInteger("12345678901234567890123456789"));
        assertThat(Int128.toDecimalString(value.high, value.low, 9)).isEqualTo("12345678901234567890.123456789");
        assertThat(parse(value, "-0.0000000019", 38, 9)).isTrue();
        assertThat(Int128.toDecimalString(value.high, value.low, 9)).isEqualTo("-0.000000001");
        assertThat(parse(value, "1.2500", 38, 4)).isTrue();
        assertThat(Int128.toDecimalString(value.high, value.low, 4)).isEqualTo("1.25");
        assertThat(parse(value, "1.23456789e5", 20, 2)).isTrue();
        assertThat(Int128.toDecimalString(value.high, value.low, 2)).isEqualTo("123456.78");
        assertThat(parse(value, "99999999999999999999999999999999999999", 38, 0)).isTrue();
        assertThat(Int128.toDecimalString(value.high, value.low, 0)).isEqualTo("99999999999999999999999999999999999999");
    }

    @Test
    void rejectsTextThatIsNotADecimalOrHasTooManyDigits() {
        Int128 value = new Int128();
        assertThat(parse(value, "100000000000000000000000000000", 38, 9)).isFalse();
        assertThat(parse(value, "999999999999999999999999999999999999999", 38, 0)).isFalse();
        assertThat(parse(value, "1e38", 38, 0)).isFalse();
        assertThat(parse(value, "12a", 38, 0)).isFalse();
        assertThat(parse(value, ".", 38, 2)).isFalse();
        assertThat(parse(value, "1e", 38, 2)).isFalse();
        assertThat(parse(value, "-", 38, 2)).isFalse();
    }

    @Test
    void arithmeticAgreesWithBigIntegerAndReportsOverflow() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            BigInteger a = randomValue(random);
            BigInteger b = randomValue(random);
            long bHigh = b.shiftRight(64).longValue();
            long bLow = b.longValue();
            Int128 sum = of(a);
            check(a.add(b), sum.add(bHigh, bLow), sum, a + " + " + b);
            Int128 difference = of(a);
            check(a.subtract(b), difference.subtract(bHigh, bLow), difference, a + " - " + b);
            Int128 product = of(a);
            check(a.multiply(b), product.multiply(bHigh, bLow), product, a + " * " + b);
            if (b.signum() != 0) {
                Int128 quotient = of(a);
                check(a.divide(b), quotient.divide(bHigh, bLow), quotient, a + " / " + b);
            }
            assertThat(Integer.signum(Int128.compare(of(a).high, of(a).low, bHigh, bLow))).isEqualTo(a.compareTo(b));
        }
    }

    private static BigInteger randomValue(Random random) {
        BigInteger magnitude = new BigInteger(1 + random.nextInt(126), random);
        return random.nextBoolean() ? magnitude : magnitude.negate();
    }

    private static void check(BigInteger exact, boolean fits, Int128 result, String operation) {
        boolean inRange = exact.compareTo(MAX) <= 0 && exact.compareTo(MIN) >= 0;
        assertThat(fits).as(operation + " fits").isEqualTo(inRange);
        if (inRange) {
            assertThat(big(result)).as(operation).isEqualTo(exact);
        }
    }

    @Test
    void scalingByPowersOfTenTruncatesTowardZero() {
        Int128 value = new Int128().set(-12999);
        value.dividePowerOfTen(3);
        assertThat(value.fitsLong()).isTrue();
        assertThat(value.low).isEqualTo(-12);
        assertThat(value.multiplyPowerOfTen(36)).isTrue();
        assertThat(big(value)).isEqualTo(new BigInteger("-12").multiply(BigInteger.TEN.pow(36)));
        assertThat(value.multiplyPowerOfTen(2)).isFalse();
        assertThat(Int128.fitsPrecision(0, 999, 3)).isTrue();
        assertThat(Int128.fitsPrecision(-1, -1000, 3)).isFalse();
        assertThat(Int128.toDouble(of(BigInteger.TEN.pow(30)).high, of(BigInteger.TEN.pow(30)).low)).isEqualTo(1e30);
    }
}
