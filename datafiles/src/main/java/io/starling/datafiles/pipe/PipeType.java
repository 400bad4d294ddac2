package io.starling.datafiles.pipe;

import java.util.Locale;

/** What a pipe publishes, from the {@code TYPE} instruction of its output node. */
public enum PipeType {
    /** An HTTP endpoint ({@code /v0/pipes/<name>.json}). */
    ENDPOINT,
    /** An incremental materialized view writing into {@code DATASOURCE}. */
    MATERIALIZED,
    /** A copy into {@code TARGET_DATASOURCE}, on demand or on {@code COPY_SCHEDULE}. */
    COPY,
    /** An export to a bucket or Kafka topic described by {@code EXPORT_*} instructions. */
    SINK;

    /** Parses a TYPE value case-insensitively; null when it is not a known type. */
    static PipeType fromText(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        for (PipeType type : values()) {
            if (type.name().equals(upper)) {
                return type;
            }
        }
        return null;
    }
}
