package io.starling.node.pipe;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A COPY_SCHEDULE: a 5-field cron expression evaluated in UTC, or {@code @on-demand} (no schedule). Immutable.
 */
public final class CopySchedule {
    public static final String ON_DEMAND = "@on-demand";
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String text;
    private final ExecutionTime executionTime;

    private CopySchedule(String text, ExecutionTime executionTime) {
        this.text = text;
        this.executionTime = executionTime;
    }

    /** Parses a schedule; null or blank is {@code @on-demand}. Fails with 36 naming the expression. */
    public static CopySchedule parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1).strip();
        }
        if (value.isEmpty() || value.equalsIgnoreCase(ON_DEMAND)) {
            return new CopySchedule(ON_DEMAND, null);
        }
        try {
            return new CopySchedule(value, ExecutionTime.forCron(PARSER.parse(value)));
        } catch (IllegalArgumentException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "COPY_SCHEDULE [" + value + "] is not a cron "
                    + "expression (5 fields, UTC, e.g. 0 * * * *) nor @on-demand: " + e.getMessage());
        }
    }

    public boolean onDemand() {
        return executionTime == null;
    }

    public String text() {
        return text;
    }

    /** The first fire time strictly after {@code after}, or empty when on demand. */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        return executionTime == null ? Optional.empty() : executionTime.nextExecution(after);
    }
}
