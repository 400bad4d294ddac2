package io.starling.sql.function.string;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LikeMatcherTest {
    private static int indexOf(String haystack, int offset, String needle) {
        byte[] bytes = haystack.getBytes(StandardCharsets.ISO_8859_1);
        return LikeMatcher.indexOf(bytes, offset, bytes.length - offset, needle.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void wordAtATimeSearchAgreesWithStringIndexOf() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20_000; trial++) {
            int length = random.nextInt(40);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((char) ('a' + random.nextInt(3)));
            }
            int needleLength = 1 + random.nextInt(5);
            StringBuilder needle = new StringBuilder();
            for (int i = 0; i < needleLength; i++) {
                needle.append((char) ('a' + random.nextInt(3)));
            }
            int offset = length == 0 ? 0 : random.nextInt(length + 1);
            String haystack = text.toString();
            int expected = haystack.substring(offset).indexOf(needle.toString());
            assertThat(indexOf(haystack, offset, needle.toString())).as("%s in %s from %d", needle, haystack, offset)
                    .isEqualTo(expected);
        }
    }

    @Test
    void containsPatternMatchesBytesAnywhere() {
        LikeMatcher matcher = LikeMatcher.compile("%/pricing%", false);
        byte[] yes = "{\"pathname\":\"/docs/pricing\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] no = "{\"pathname\":\"/docs/pricin\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(matcher.matches(yes, 0, yes.length)).isTrue();
        assertThat(matcher.matches(no, 0, no.length)).isFalse();
    }
}
