package io.starling.sql.format.input;

/** Totals of a streamed parse (the rows themselves went to the {@link ChunkConsumer}). */
public record ParseSummary(long goodRows, long quarantinedRows, long invalidLines, long emptyLines) {
}
