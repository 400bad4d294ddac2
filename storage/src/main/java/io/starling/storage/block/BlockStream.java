package io.starling.storage.block;

/**
 * A pull-based sequence of blocks. {@link #next()} answers null at the end. Not thread-safe: one consumer.
 * Closing releases what the stream holds (files, snapshot references); it is safe to close twice.
 */
public interface BlockStream extends AutoCloseable {
    Block next();

    @Override
    void close();
}
