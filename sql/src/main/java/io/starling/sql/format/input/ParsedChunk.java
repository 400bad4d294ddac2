package io.starling.sql.format.input;

import io.starling.storage.block.Block;
import java.util.List;

/**
 * One chunk of a streamed parse: its good rows as one block in schema column order (null when every row of
 * the chunk was bad; may hold more than {@link Block#MAX_ROWS} rows, up to {@link ChunkLimits#maxRows()}), and
 * its bad rows.
 */
public record ParsedChunk(Block block, List<QuarantinedRow> quarantined) {
    public ParsedChunk {
        quarantined = List.copyOf(quarantined);
    }

    public int goodRows() {
        return block == null ? 0 : block.rowCount();
    }
}
