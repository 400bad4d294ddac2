package io.starling.node.pipe;

import io.starling.datafiles.pipe.PipeType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled copy pipes: {@link #tick()} (called every second by the node) starts a {@code scheduled} copy job
 * for every copy pipe whose cron time passed since the previous tick. A pipe created or rescheduled between ticks
 * starts counting from then (no catch-up of missed runs). Single node: the node that ticks is the one that runs
 * them; with several nodes this belongs in a cluster singleton. Not thread-safe: one ticking thread.
 */
public final class CopyScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CopyScheduler.class);

    private final PipeRegistry pipes;
    private final CopyPipes copies;
    private final Clock clock;
    /** Per pipe id: the schedule text and the time the next run is due. */
    private final Map<String, Due> due = new HashMap<>();

    private record Due(String schedule, ZonedDateTime at) {
    }

    public CopyScheduler(PipeRegistry pipes, CopyPipes copies, Clock clock) {
        this.pipes = pipes;
        this.copies = copies;
        this.clock = clock;
    }

    /** Starts the copies that are due; answers how many it started. */
    public int tick() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        int started = 0;
        Map<String, Due> seen = new HashMap<>();
        for (LoadedPipe pipe : pipes.all()) {
            if (pipe.type() != PipeType.COPY) {
                continue;
            }
            CopySchedule schedule;
            try {
                schedule = CopySchedule.parse(pipe.outputNode().copySchedule());
            } catch (RuntimeException invalid) {
                continue;
            }
            if (schedule.onDemand()) {
                continue;
            }
            String id = pipe.spec().getId();
            Due current = due.get(id);
            if (current == null || !current.schedule().equals(schedule.text())) {
                Optional<ZonedDateTime> next = schedule.nextAfter(now);
                next.ifPresent(at -> seen.put(id, new Due(schedule.text(), at)));
                continue;
            }
            if (!now.isBefore(current.at())) {
                LOG.info("Starting scheduled copy of pipe [{}] ({})", pipe.name(), schedule.text());
                copies.start(pipe, Map.of(), null, "scheduled").whenComplete((job, failure) -> {
                    if (failure != null) {
                        LOG.warn("Scheduled copy of pipe [{}] could not start: {}", pipe.name(), failure.toString());
                    }
                });
                started++;
                schedule.nextAfter(now).ifPresent(at -> seen.put(id, new Due(schedule.text(), at)));
            } else {
                seen.put(id, current);
            }
        }
        due.clear();
        due.putAll(seen);
        return started;
    }
}
