package io.starling.storage.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Int256Test {
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(255).negate();
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private static Int256 of(BigInteger value) {
        Int256 register = new Int256();
        assertThat(register.set(value)).isTrue();
        return register;
    }

    /** Values of every width up to 255 bits, both signs, plus the edges. */
    private static BigInteger[] samples() {
        Random random = new Random(42);
        BigInteger[] values = new BigInteger[300];
        for (int i = 0; i < values.length; i++) {
            BigInteger magnitude = new BigInteger(1 + random.nextInt(255), random);
            values[i] = random.nextBoolean() ? magnitude.negate() : magnitude;
        }
        values[0] = MIN;
        values[1] = MAX;
        values[2] = BigInteger.ZERO;
        values[3] = BigInteger.ONE.negate();
        values[4] = BigInteger.valueOf(Long.MIN_VALUE);
        return values;
    }

    private static boolean fits(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    @Test
    void arithmeticMatchesBigIntegerAndReportsOverflow() {
        BigInteger[] values = samples();
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j += 7) {
                BigInteger a = values[i];
                BigInteger b = values[j];
                check("add", a, b, a.add(b));
                check("subtract", a, b, a.subtract(b));
                check("multiply", a, b, a.multiply(b));
                if (b.signum() != 0) {
                    check("divide", a, b, a.divide(b));
                }
                assertThat(Integer.signum(of(a).compareTo(of(b)))).isEqualTo(a.compareTo(b));
            }
        }
    }

    private static void check(String operation, BigInteger a, BigInteger b, BigInteger expected) {
        Int256 register = of(a);
        boolean result = switch (operation) {
            case "add" -> register.add(of(b));
            case "subtract" -> register.subtract(of(b));
            case "multiply" -> register.multiply(of(b));
            default -> register.divide(of(b));
        };
        assertThat(result).as(operation + " " + a + " " + b).isEqualTo(fits(expected));
        if (result) {
            assertThat(register.toBigInteger()).as(operation + " " + a + " " + b).isEqualTo(expected);
        }
    }

    @Test
    void encodingOrdersBytewiseLikeTheNumbers() {
        BigInteger[] values = samples();
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = new byte[Int256.BYTES];
            of(values[i]).write(encoded[i], 0);
            assertThat(new Int256().read(encoded[i], 0).toBigInteger()).isEqualTo(values[i]);
        }
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j += 5) {
                assertThat(Integer.signum(Arrays.compareUnsigned(encoded[i], encoded[j])))
                        .isEqualTo(values[i].compareTo(values[j]));
            }
        }
        assertThat(Int256.encode(0)).isEqualTo(Int256.ZERO_ENCODED);
        assertThat(Int256.encode(-1)).startsWith((byte) 0x7F, (byte) 0xFF).endsWith((byte) 0xFF);
    }

    @Test
    void parsesAndPrintsDecimalText() {
        Int256 register = new Int256();
        String big = "1234567890123456789012345678901234567890123456789012345678901234567890.123456";
        char[] text = big.toCharArray();
        assertThat(register.parseDecimal(text, 0, text.length, 76, 6)).isTrue();
        assertThat(register.toDecimalString(6)).isEqualTo(big);
        assertThat(register.toBigInteger()).isEqualTo(new BigInteger(big.replace(".", "")));
        char[] negative = "-0.50e1".toCharArray();
        assertThat(register.parseDecimal(negative, 0, negative.length, 76, 3)).isTrue();
        assertThat(register.toDecimalString(3)).isEqualTo("-5");
        char[] tooLong = ("9".repeat(77)).toCharArray();
        assertThat(register.parseDecimal(tooLong, 0, tooLong.length, 76, 0)).isFalse();
        char[] tooWide = ("9".repeat(41)).toCharArray();
        assertThat(register.parseDecimal(tooWide, 0, tooWide.length, 40, 0)).isFalse();
        assertThat(register.parseDecimal(tooWide, 0, tooWide.length, 41, 0)).isTrue();
        assertThat(register.fitsPrecision(41)).isTrue();
        assertThat(register.fitsPrecision(40)).isFalse();
        char[] junk = "1.2.3".toCharArray();
        assertThat(register.parseDecimal(junk, 0, junk.length, 76, 2)).isFalse();
        register.set(BigInteger.TEN.pow(76).subtract(BigInteger.ONE).negate());
        assertThat(register.toDecimalString(76)).isEqualTo("-0." + "9".repeat(76));
        assertThat(register.set(-12345).toDecimalString(2)).isEqualTo("-123.45");
        assertThat(register.set(100).toDecimalString(2)).isEqualTo("1");
    }

    @Test
    void scalesByPowersOfTenTruncatingTowardZero() {
        Int256 register = new Int256().set(-123456789);
        register.dividePowerOfTen(4);
        assertThat(register.toLong()).isEqualTo(-12345);
        assertThat(register.multiplyPowerOfTen(70)).isTrue();
        assertThat(register.toBigInteger()).isEqualTo(BigInteger.valueOf(-12345).multiply(BigInteger.TEN.pow(70)));
        assertThat(register.multiplyPowerOfTen(10)).isFalse();
        assertThat(new Int256().set(3).toDouble()).isEqualTo(3.0);
        assertThat(of(BigInteger.TEN.pow(60).negate()).toDouble()).isCloseTo(-1e60, org.assertj.core.data.Offset.offset(1e45));
        assertThatThrownBy(() -> new Int256().set(1).divide(new Int256())).isInstanceOf(ArithmeticException.class);
    }
}
