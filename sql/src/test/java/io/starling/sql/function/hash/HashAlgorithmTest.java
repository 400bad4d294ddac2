package io.starling.sql.function.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known values: ClickHouse 18.16 answers, the SipHash and FarmHash published vectors, xxHash's empty-input values. */
class HashAlgorithmTest {
    private static long hash(HashAlgorithm algorithm, String text) {
        return algorithm.hashString(text);
    }

    @Test
    void cityHash64MatchesClickHouseOnEveryLengthBranch() {
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.CITY_HASH_64, "abc"))).isEqualTo("4220206313085259313");
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.CITY_HASH_64, ""))).isEqualTo(Long.toUnsignedString(0x9ae16a3b2f90404fL));
        byte[] long70 = "0123456789012345678901234567890123456789012345678901234567890123456789"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(Long.toUnsignedString(CityHash102.hash64(long70, 0, long70.length))).isEqualTo("7040186705704256002");
    }

    @Test
    void sipHash64WithZeroKeyAndClickHouseCombination() {
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.SIP_HASH_64, "abc"))).isEqualTo("4596069200710135518");
    }

    @Test
    void murmurAndHalfMd5() {
        assertThat(hash(HashAlgorithm.MURMUR2_32, "abc")).isEqualTo(324500635L);
        assertThat(hash(HashAlgorithm.MURMUR3_32, "abc")).isEqualTo(3017643002L);
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.MURMUR3_64, "abc"))).isEqualTo("10318955651176813877");
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.MURMUR2_64, "abc"))).isEqualTo("11297775770902552315");
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.HALF_MD5, "abc"))).isEqualTo("10376663631224000432");
    }

    @Test
    void xxHashAndFarmFingerprintPublishedValues() {
        assertThat(hash(HashAlgorithm.XX_HASH_32, "")).isEqualTo(0x02CC5D05L);
        assertThat(hash(HashAlgorithm.XX_HASH_64, "")).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(Long.toUnsignedString(hash(HashAlgorithm.FARM_FINGERPRINT_64, "Amazon Redshift"))).isEqualTo("8085098817162212970");
        assertThat(hash(HashAlgorithm.FARM_FINGERPRINT_64, "alphabet")).isEqualTo(-2427165924636348523L);
    }

    @Test
    void intHashesUseClickHouseSalts() {
        assertThat(Murmur.intHash32(1)).isEqualTo(1343103100L);
        assertThat(Long.toUnsignedString(Murmur.intHash64(1))).isEqualTo("10577349846663553072");
    }
}
