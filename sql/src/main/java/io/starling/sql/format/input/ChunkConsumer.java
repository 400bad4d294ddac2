package io.starling.sql.format.input;

/**
 * Receives the parsed chunks of a streamed body, in input order, on the parsing thread. Throwing stops the
 * parse (the exception reaches the caller of {@code stream}).
 */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(ParsedChunk chunk);
}
