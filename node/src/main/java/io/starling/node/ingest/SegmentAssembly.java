package io.starling.node.ingest;

import io.starling.sql.format.input.ParsedRows;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the parsed segments of one request body, in body order, into one block as they are parsed: the copy that
 * the part writer needs (one block per insert) then overlaps the rest of the receive instead of following it.
 * One segment is kept as it is (no copy). The builders are sized once, from the first segment's bytes per body
 * byte. Not thread-safe: {@link #add} is called for one segment after the other.
 */
final class SegmentAssembly {
    private final long bodyBytes;
    private ParsedRows first;
    private long firstSegmentBytes;
    private ColumnBuilder[] builders;
    private long rows;
    private final List<QuarantinedRow> quarantined = new ArrayList<>();
    private long invalidLines;
    private long emptyLines;

    /** @param bodyBytes the expected body length (a sizing hint; 0 when unknown) */
    SegmentAssembly(long bodyBytes) {
        this.bodyBytes = bodyBytes;
    }

    /** Adds the next segment, parsed from {@code segmentBytes} bytes of the body. */
    SegmentAssembly add(ParsedRows segment, long segmentBytes) {
        if (first == null && builders == null) {
            first = segment;
            firstSegmentBytes = segmentBytes;
            return this;
        }
        if (builders == null) {
            ParsedRows held = first;
            first = null;
            append(held, firstSegmentBytes);
        }
        append(segment, segmentBytes);
        return this;
    }

    private void append(ParsedRows segment, long segmentBytes) {
        for (Block block : segment.blocks()) {
            if (block.rowCount() == 0) {
                continue;
            }
            if (builders == null) {
                builders = new ColumnBuilder[block.columnCount()];
                double scale = bodyBytes > segmentBytes && segmentBytes > 0 ? 1.05 * bodyBytes / segmentBytes : 1;
                for (int c = 0; c < builders.length; c++) {
                    Column column = block.column(c);
                    builders[c] = ColumnBuilder.forType(column.type(), (int) Math.min(Integer.MAX_VALUE / 2,
                            block.rowCount() * scale));
                    builders[c].reserve(0, (long) (column.sizeInBytes() * scale));
                }
            }
            for (int c = 0; c < builders.length; c++) {
                builders[c].appendRange(block.column(c), 0, block.rowCount());
            }
            rows += block.rowCount();
        }
        quarantined.addAll(segment.quarantined());
        invalidLines += segment.invalidLines();
        emptyLines += segment.emptyLines();
    }

    /** Every segment's rows in body order; an empty answer when nothing was added. */
    ParsedRows result() {
        if (first != null) {
            return first;
        }
        List<Block> blocks = new ArrayList<>(1);
        if (builders != null && rows > 0) {
            List<Column> columns = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            blocks.add(new Block(columns, (int) rows));
        }
        return new ParsedRows(blocks, quarantined, invalidLines, emptyLines);
    }
}
