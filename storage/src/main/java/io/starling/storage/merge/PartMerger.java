package io.starling.storage.merge;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartSchema;
import io.starling.storage.part.PartWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges sorted parts into one sorted part through a {@link MergeStream}: plain MergeTree keeps every row; other
 * engines apply their {@link MergeRule}. Rows with equal keys keep the order of their source parts (older blocks
 * first). The caller holds references to the sources.
 */
public final class PartMerger {
    private PartMerger() {
    }

    /** Streams every row of {@code sources} (in block order) into {@code writer}, sorted; returns the row count. */
    public static long merge(List<DataPart> sources, PartSchema schema, PartWriter writer) {
        return merge(sources, schema, null, false, null, writer);
    }

    /**
     * Merges {@code sources} (in block order) into {@code writer} applying {@code rule} (null: keep every row) to
     * rows of equal key and dropping the rows {@code filter} drops (null: none). Returns the rows written, which
     * may be 0: then the caller must not finish the writer.
     */
    public static long merge(List<DataPart> sources, PartSchema schema, MergeRule rule, boolean finalPass,
                             BlockFilter filter, PartWriter writer) {
        long rows = 0;
        try (MergeStream stream = open(sources, schema, rule, finalPass, filter)) {
            for (Block block = stream.next(); block != null; block = stream.next()) {
                writer.append(block);
                rows += block.rowCount();
            }
        }
        return rows;
    }

    /** A merge of {@code sources} as a stream of blocks of the table's granularity (all columns, table order). */
    public static MergeStream open(List<DataPart> sources, PartSchema schema, MergeRule rule, boolean finalPass,
                                   BlockFilter filter) {
        List<BlockStream> streams = new ArrayList<>(sources.size());
        for (DataPart source : sources) {
            streams.add(source.scan(schema.columns(), null, null));
        }
        return new MergeStream(streams, schema, rule, finalPass, filter, schema.granularity());
    }
}
