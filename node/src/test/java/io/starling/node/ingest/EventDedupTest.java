package io.starling.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventDedupTest {
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void keysComeFromTheIdempotencyKeyOrTheBodyOfWaitingRequests() {
        byte[] body = "{\"a\":1}\n".getBytes();
        assertThat(EventDedup.key("ds1", "k1", false, body)).isEqualTo("ds1|k|k1");
        assertThat(EventDedup.key("ds1", null, false, body)).isNull();
        assertThat(EventDedup.key("ds1", null, true, body)).isEqualTo(EventDedup.key("ds1", "", true, body))
                .isNotEqualTo(EventDedup.key("ds2", null, true, body))
                .isNotEqualTo(EventDedup.key("ds1", null, true, "{\"a\":2}\n".getBytes()));
    }

    @Test
    void aTruncateOrWholeReplaceStartsANewScope() {
        var dataSource = io.starling.protocol.catalog.DataSourceSpec.newBuilder().setId("t_1").build();
        byte[] body = "{\"a\":1}\n".getBytes();
        String before = EventDedup.key(EventDedup.scope(dataSource), null, true, body);
        String after = EventDedup.key(EventDedup.scope(dataSource.toBuilder().setRowsReset(1).build()), null, true, body);
        assertThat(before).startsWith("t_1|");
        assertThat(after).isNotEqualTo(before);
        assertThat(EventDedup.key(EventDedup.scope(dataSource.toBuilder().setRowsReset(1).build()), null, true, body))
                .isEqualTo(after);
    }

    @Test
    void aRetryGetsTheFirstAnswerWithinTheWindowOnly() {
        MovableClock clock = new MovableClock();
        EventDedup dedup = new EventDedup(clock, Duration.ofHours(5), 100);
        EventDedup.Claim first = dedup.claim("k");
        assertThat(first.duplicate()).isFalse();
        EventDedup.Claim retryWhileRunning = dedup.claim("k");
        assertThat(retryWhileRunning.duplicate()).isTrue();
        first.result().complete(new IngestResult("id1", 3, 0, 0));
        assertThat(retryWhileRunning.result().join().importId()).isEqualTo("id1");

        clock.now.set(clock.now.get().plus(Duration.ofHours(4)));
        assertThat(dedup.claim("k").duplicate()).isTrue();
        clock.now.set(clock.now.get().plus(Duration.ofHours(2)));
        assertThat(dedup.claim("k").duplicate()).isFalse();
    }

    @Test
    void aFailedRequestIsForgottenSoItsRetryRuns() {
        EventDedup dedup = new EventDedup(Clock.systemUTC(), Duration.ofHours(5), 100);
        EventDedup.Claim first = dedup.claim("k");
        first.result().completeExceptionally(new IllegalStateException("disk full"));
        assertThat(dedup.claim("k").duplicate()).isFalse();
    }

    @Test
    void keepsAtMostMaxKeys() {
        EventDedup dedup = new EventDedup(Clock.systemUTC(), Duration.ofHours(5), 3);
        for (int i = 0; i < 10; i++) {
            dedup.claim("k" + i);
        }
        assertThat(dedup.size()).isEqualTo(3);
        assertThat(dedup.claim("k9").duplicate()).isTrue();
        assertThat(dedup.claim("k0").duplicate()).isFalse();
    }
}
