package io.starling.sql.format.input;

import io.starling.storage.block.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of parsing an input body against a schema.
 *
 * @param blocks       good rows in schema column order, at most {@link Block#MAX_ROWS} per block
 * @param quarantined  rows with values that do not fit their column's type
 * @param invalidLines lines that could not be parsed at all (broken CSV quoting, invalid JSON)
 * @param emptyLines   blank lines skipped
 */
public record ParsedRows(List<Block> blocks, List<QuarantinedRow> quarantined, long invalidLines, long emptyLines) {
    public ParsedRows {
        blocks = List.copyOf(blocks);
        quarantined = List.copyOf(quarantined);
    }

    /** The parts' rows one after another (blocks, quarantined rows and counts, in order). */
    public static ParsedRows concat(List<ParsedRows> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Block> blocks = new ArrayList<>();
        List<QuarantinedRow> quarantined = new ArrayList<>();
        long invalidLines = 0;
        long emptyLines = 0;
        for (ParsedRows part : parts) {
            blocks.addAll(part.blocks());
            quarantined.addAll(part.quarantined());
            invalidLines += part.invalidLines();
            emptyLines += part.emptyLines();
        }
        return new ParsedRows(blocks, quarantined, invalidLines, emptyLines);
    }

    public long goodRows() {
        long total = 0;
        for (Block block : blocks) {
            total += block.rowCount();
        }
        return total;
    }
}
