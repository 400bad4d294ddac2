package io.starling.storage.engine;

/** Size of a table's active parts. */
public record TableStatistics(long rowCount, long bytesOnDisk, int activeParts) {
}
