package io.starling.sql.function.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ClickHouse hashes a Decimal by its in-memory integer: 4, 8, 16 or 32 bytes of two's complement, least
 * significant byte first, in every multi-argument hash function, cityHash64 included (which passes plain integers
 * through intHash64 instead). The literal values are ClickHouse's answers to the same expressions; the others are
 * the algorithm applied to the little-endian bytes, built here from the unscaled value with BigInteger.
 */
class DecimalHashTest {
    private final QueryEngine engine = new QueryEngine();

    private List<Long> column(String sql) {
        QueryResult result = engine.execute(sql, QueryContext.of((database, name) -> Optional.empty()));
        List<Long> values = new ArrayList<>();
        for (Block block : result.blocks()) {
            LongColumn hashes = (LongColumn) block.column(0);
            for (int row = 0; row < block.rowCount(); row++) {
                values.add(hashes.getLong(row));
            }
        }
        return values;
    }

    private long one(String sql) {
        return column(sql).get(0);
    }

    private static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    /** The {@code width} little-endian two's complement bytes of {@code unscaled}. */
    private static byte[] littleEndian(BigInteger unscaled, int width) {
        byte[] bigEndian = unscaled.toByteArray();
        byte[] out = new byte[width];
        byte fill = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        for (int i = 0; i < width; i++) {
            int from = bigEndian.length - 1 - i;
            out[i] = from >= 0 ? bigEndian[from] : fill;
        }
        return out;
    }

    private static long bytesHash(HashAlgorithm algorithm, BigInteger unscaled, int width) {
        byte[] bytes = littleEndian(unscaled, width);
        return algorithm.bytes(bytes, 0, width);
    }

    @Test
    void cityHash64OfDecimalsMatchesClickHouse() {
        assertThat(unsigned(one("SELECT cityHash64(toDecimal32(32, 2))"))).isEqualTo("7948708622144234705");
        assertThat(unsigned(one("SELECT cityHash64(toDecimal64(64, 5))"))).isEqualTo("8929217225161595187");
        assertThat(unsigned(one("SELECT cityHash64(toDecimal128(128, 24))"))).isEqualTo("5200826623470796493");
        assertThat(column("SELECT cityHash64(toDecimal32(number, 3)) FROM numbers(198, 2)").stream()
                .map(DecimalHashTest::unsigned)).containsExactly("16603170516127487987", "10474166755000741993");
        assertThat(column("SELECT cityHash64(toDecimal64(number, 9)) FROM numbers(297, 2)").stream()
                .map(DecimalHashTest::unsigned)).containsExactly("13955506427180385733", "15701171052063596312");
        assertThat(column("SELECT cityHash64(toDecimal128(number, 16)) FROM numbers(123, 2)").stream()
                .map(DecimalHashTest::unsigned)).containsExactly("12183501908379561231", "5781832733050385252");
    }

    @Test
    void cityHash64OfADecimalIsTheHashOfItsBytesNotIntHash64() {
        // the same unscaled value 3200 as a 4-byte Decimal32 and as 16 bytes of Decimal128
        assertThat(one("SELECT cityHash64(toDecimal32(32, 2))"))
                .isEqualTo(bytesHash(HashAlgorithm.CITY_HASH_64, BigInteger.valueOf(3200), 4))
                .isNotEqualTo(one("SELECT cityHash64(toInt32(3200))"));
        assertThat(one("SELECT cityHash64(toDecimal128(32, 2))"))
                .isEqualTo(bytesHash(HashAlgorithm.CITY_HASH_64, BigInteger.valueOf(3200), 16));
    }

    @Test
    void decimal256HashesItsLittleEndianInt256Bytes() {
        BigInteger big = new BigInteger("123456789012345678901234567890123456789012345678901234567");
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            String function = algorithm.functionName();
            long mask = algorithm.bits32() ? 0xFFFFFFFFL : -1L;
            assertThat(one("SELECT " + function + "(toDecimal256('1.5', 2))")).as(function)
                    .isEqualTo(bytesHash(algorithm, BigInteger.valueOf(150), 32) & mask);
            assertThat(one("SELECT " + function + "(toDecimal256('-1.5', 2))")).as(function)
                    .isEqualTo(bytesHash(algorithm, BigInteger.valueOf(-150), 32) & mask);
            assertThat(one("SELECT " + function + "(toDecimal256('0', 0))")).as(function)
                    .isEqualTo(bytesHash(algorithm, BigInteger.ZERO, 32) & mask);
            assertThat(one("SELECT " + function + "(toDecimal256('" + big + "', 0))")).as(function)
                    .isEqualTo(bytesHash(algorithm, big, 32) & mask);
        }
    }

    @Test
    void decimal128AndNegativeValuesUseTwosComplement() {
        assertThat(one("SELECT sipHash64(toDecimal128('-0.01', 2))"))
                .isEqualTo(bytesHash(HashAlgorithm.SIP_HASH_64, BigInteger.ONE.negate(), 16));
        assertThat(one("SELECT xxHash64(toDecimal64('-7.5', 1))"))
                .isEqualTo(bytesHash(HashAlgorithm.XX_HASH_64, BigInteger.valueOf(-75), 8));
        assertThat(one("SELECT murmurHash3_32(toDecimal32('-7.5', 1))"))
                .isEqualTo(bytesHash(HashAlgorithm.MURMUR3_32, BigInteger.valueOf(-75), 4));
        // a Decimal256 and a Decimal128 of the same value differ (32 bytes against 16), as in ClickHouse
        assertThat(one("SELECT cityHash64(toDecimal256('2.5', 1))"))
                .isNotEqualTo(one("SELECT cityHash64(toDecimal128('2.5', 1))"));
    }

    @Test
    void severalArgumentsCombineThePerArgumentHashes() {
        long first = bytesHash(HashAlgorithm.CITY_HASH_64, BigInteger.valueOf(150), 32);
        long second = bytesHash(HashAlgorithm.CITY_HASH_64, BigInteger.valueOf(-25), 16);
        assertThat(one("SELECT cityHash64(toDecimal256('1.5', 2), toDecimal128('-0.25', 2))"))
                .isEqualTo(CityHash102.hash128to64(first, second));
        assertThat(one("SELECT sipHash64(tuple(toDecimal256('1.5', 2), toDecimal128('-0.25', 2)))"))
                .isEqualTo(HashAlgorithm.SIP_HASH_64.combine(
                        bytesHash(HashAlgorithm.SIP_HASH_64, BigInteger.valueOf(150), 32),
                        bytesHash(HashAlgorithm.SIP_HASH_64, BigInteger.valueOf(-25), 16)));
        // DateTime64 is a Decimal64 of ticks underneath: its 8 bytes, not intHash64, in cityHash64 as well
        assertThat(one("SELECT cityHash64(toDateTime64('2024-01-01 00:00:00.5', 1, 'UTC'))"))
                .isEqualTo(bytesHash(HashAlgorithm.CITY_HASH_64, BigInteger.valueOf(17040672005L), 8));
    }
}
