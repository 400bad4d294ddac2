package io.starling.sql.function.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongHashSetTest {
    @Test
    void countsDistinctValuesIncludingZeroAcrossGrowth() {
        LongHashSet set = new LongHashSet(2);
        Set<Long> expected = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextInt(30_000) - 10;
            set.add(value);
            expected.add(value);
        }
        assertThat(set.size()).isEqualTo(expected.size());
        LongHashSet other = new LongHashSet(4);
        other.add(0);
        other.add(1_000_000);
        set.addAll(other);
        assertThat(set.size()).isEqualTo(expected.size() + 1);
    }

    @Test
    void stringHashSeparatesNearbyValues() {
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = ("session-" + i).getBytes(StandardCharsets.UTF_8);
            hashes.add(UniqAggregate.hash(bytes, 0, bytes.length));
        }
        assertThat(hashes).hasSize(200_000);
    }
}
