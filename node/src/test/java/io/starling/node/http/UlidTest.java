package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidTest {

    @Test
    void encodesTimeFirstInCrockfordBase32() {
        assertThat(Ulid.of(0, 0, 0)).isEqualTo("00000000000000000000000000");
        assertThat(Ulid.of(1, 0, 0)).startsWith("0000000001");
        assertThat(Ulid.of(0xFFFF_FFFF_FFFFL, -1L, 0xFFFF)).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        // Later milliseconds sort later.
        assertThat(Ulid.of(1_700_000_000_001L, 0, 0)).isGreaterThan(Ulid.of(1_700_000_000_000L, -1L, 0xFFFF));
    }

    @Test
    void idsAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = Ulid.next();
            assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
            assertThat(seen.add(id)).isTrue();
        }
    }
}
