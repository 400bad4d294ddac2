package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ColumnCodec;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.codec.CompressedBlocks;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.index.IndexDefinition;
import io.starling.storage.index.SkipIndexWriter;
import io.starling.storage.type.DataType;
import io.starling.storage.merge.ValueComparator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one part directory from rows already sorted by the sorting key.
 *
 * <h2>On-disk layout of a part (format version 1)</h2>
 * A part is an immutable directory {@code {partitionId}_{minBlock}_{maxBlock}_{level}} (see {@link PartName})
 * inside the table directory. It is written under a {@code tmp_*} name, fsynced, and renamed into place, so a
 * directory with a part name is always complete. All integers are little endian.
 * <dl>
 *   <dt>{@code <column>.bin} (one per column; the name escaped by {@link PartFiles#escape})</dt>
 *   <dd>One compressed block per granule (see {@link CompressedBlocks}: codec id, sizes, CRC32C, payload). A
 *       granule is {@code index_granularity} consecutive rows (the last one may be shorter); the block payload
 *       is the granule's values in {@link ColumnSerializer} form.</dd>
 *   <dt>{@code <column>.mrk}</dt>
 *   <dd>12 bytes per granule: u64 offset of the granule's compressed block in the {@code .bin} file, u32 rows
 *       in the granule. A block ends where the next begins (the last at the end of the file).</dd>
 *   <dt>{@code primary.idx}</dt>
 *   <dd>The sorting-key values of the first row of every granule: a {@link BlockSerde} block (codec NONE) with
 *       one column per sorting-key expression and one row per granule.</dd>
 *   <dt>{@code minmax_<column>.idx} (one per column the partition key mentions)</dt>
 *   <dd>A {@link BlockSerde} block (codec NONE) of one column with two rows: the smallest and the largest
 *       non-NULL value of the column in the part. Absent when every value is NULL.</dd>
 *   <dt>{@code count.txt}</dt><dd>The row count in decimal.</dd>
 *   <dt>{@code partition.txt}</dt><dd>The partition id.</dd>
 *   <dt>{@code columns.txt}</dt>
 *   <dd>{@code columns format version: 1}, then {@code N columns:}, then per column its name (with {@code \},
 *       tab and newline backslash-escaped), a tab and its ClickHouse type name.</dd>
 *   <dt>{@code checksums.txt}</dt>
 *   <dd>Size and XXH64 of every other file (see {@link Checksums}); verified when the part is loaded.</dd>
 *   <dt>{@code skp_idx_<index>.idx} (one per skip index; see {@link SkipIndexWriter})</dt>
 *   <dd>The index entries, each summarising {@code GRANULARITY} granules.</dd>
 * </dl>
 * Compressed blocks carry their codec (see {@link CompressedBlocks}): per-column {@code CODEC(...)} chains such as
 * {@code DoubleDelta, ZSTD(1)} need no schema to be read.
 *
 * <h2>Compact parts</h2>
 * Small inserts (fewer rows than {@code min_rows_for_wide_part} or fewer uncompressed bytes than
 * {@code min_bytes_for_wide_part}) are written compact: instead of a {@code .bin} and {@code .mrk} per column, one
 * {@code data.bin} holds, granule after granule, one compressed block per column (in column order), and
 * {@code data.cmrk} holds per granule a u32 row count followed by one u64 block offset per column. Every other file
 * is as above. Merges write wide parts.
 *
 * <p>Use: {@link #append} sorted blocks (every block but the last must hold a multiple of the granularity),
 * then {@link #finish}. {@link #close} without {@code finish} removes the directory. Not thread-safe.
 */
public final class PartWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PartWriter.class.getName());
    private final Path directory;
    private final PartSchema schema;
    private final String partitionId;
    private final PartFormat requestedFormat;
    private ColumnFileWriter[] columnWriters;
    private CompactFileWriter compactWriter;
    private final ColumnCodec.Encoder[] encoders;
    private final SkipIndexWriter[] indexWriters;
    private final int[] indexColumns;
    private final Map<String, Checksums.Entry> checksums = new TreeMap<>();
    /** Every file written, forced to disk together by {@link #finish}. */
    private final List<Path> unsynced = new ArrayList<>();
    private final ValueComparator[] minMaxComparators;
    private final Column[] minColumns;
    private final int[] minRows;
    private final Column[] maxColumns;
    private final int[] maxRows;
    private List<ColumnBuilder> primaryIndex;
    private final List<Block> pending = new ArrayList<>();
    private long pendingRows;
    private long pendingBytes;
    private long rows;
    private int granules;
    private boolean partialGranuleWritten;
    private boolean finished;

    /**
     * Creates {@code directory} (which must not exist). The format follows the part's size ({@link PartSchema#wide}):
     * blocks are held in memory until the part is known to be wide, or until {@link #finish} writes it compact.
     */
    public PartWriter(Path directory, PartSchema schema, String partitionId) {
        this(directory, schema, partitionId, null);
    }

    /** Like {@link #PartWriter(Path, PartSchema, String)} with a fixed format (merges write {@link PartFormat#WIDE}). */
    public PartWriter(Path directory, PartSchema schema, String partitionId, PartFormat format) {
        this.directory = directory;
        this.schema = schema;
        this.partitionId = partitionId;
        this.requestedFormat = format;
        try {
            Files.createDirectory(directory);
        } catch (IOException e) {
            throw PartFiles.ioError("create directory", directory, e);
        }
        List<ColumnDefinition> columns = schema.columns();
        this.encoders = new ColumnCodec.Encoder[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            encoders[i] = schema.columnCodecs().get(i).encoder();
        }
        List<SkipIndexWriter> writers = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (IndexDefinition index : schema.indexes()) {
            String column = index.column();
            int columnIndex = column == null ? -1 : schema.columnIndex(column);
            DataType type = columnIndex >= 0 ? columns.get(columnIndex).type()
                    : schema.indexEvaluator() == null ? null : schema.indexEvaluator().type(index.expression());
            if (type == null || !SkipIndexWriter.supports(type)) {
                LOG.log(System.Logger.Level.DEBUG, "Skip index [" + index.name() + "] is not built: its expression ["
                        + index.expression() + "] is neither a column of a number or string type (or an array of them)"
                        + " nor an expression an evaluator computes as one");
                continue;
            }
            writers.add(new SkipIndexWriter(index, type));
            sources.add(columnIndex);
        }
        this.indexWriters = writers.toArray(new SkipIndexWriter[0]);
        this.indexColumns = sources.stream().mapToInt(Integer::intValue).toArray();
        int minMaxCount = schema.minMaxColumns().length;
        this.minMaxComparators = new ValueComparator[minMaxCount];
        for (int i = 0; i < minMaxCount; i++) {
            minMaxComparators[i] = ValueComparator.forType(columns.get(schema.minMaxColumns()[i]).type());
        }
        this.minColumns = new Column[minMaxCount];
        this.minRows = new int[minMaxCount];
        this.maxColumns = new Column[minMaxCount];
        this.maxRows = new int[minMaxCount];
    }

    public Path directory() {
        return directory;
    }

    public long rows() {
        return rows + pendingRows;
    }

    /** The format of this part; null before the first block is appended. */
    public PartFormat format() {
        return compactWriter != null ? PartFormat.COMPACT : columnWriters != null ? PartFormat.WIDE : null;
    }

    private void open(PartFormat format) {
        if (format == PartFormat.COMPACT) {
            compactWriter = new CompactFileWriter(directory, encoders);
            return;
        }
        List<ColumnDefinition> columns = schema.columns();
        columnWriters = new ColumnFileWriter[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            columnWriters[i] = new ColumnFileWriter(directory, columns.get(i).name(), encoders[i]);
        }
    }

    /** Appends rows sorted by the sorting key, in the table's column order. */
    public void append(Block block) {
        if (finished) {
            throw new IllegalStateException("Part writer for [" + directory + "] is already finished");
        }
        if (block.rowCount() == 0) {
            return;
        }
        if (partialGranuleWritten) {
            throw new IllegalStateException("Only the last block appended to a part may end inside a granule; "
                    + "append blocks whose row count is a multiple of " + schema.granularity());
        }
        if (block.columnCount() != schema.columns().size()) {
            throw new IllegalArgumentException("Block has " + block.columnCount() + " columns, the part "
                    + schema.columns().size());
        }
        partialGranuleWritten = block.rowCount() % schema.granularity() != 0;
        if (compactWriter == null && columnWriters == null) {
            if (requestedFormat != null) {
                open(requestedFormat);
            } else {
                // The format depends on the part's total size: hold blocks until it is known to be wide.
                pending.add(block);
                pendingRows += block.rowCount();
                pendingBytes += block.sizeInBytes();
                if (!schema.wide(pendingRows, pendingBytes)) {
                    return;
                }
                open(PartFormat.WIDE);
                flushPending();
                return;
            }
        }
        write(block);
    }

    private void flushPending() {
        for (Block held : pending) {
            write(held);
        }
        pending.clear();
        pendingRows = 0;
        pendingBytes = 0;
    }

    private void write(Block block) {
        Column[] indexSources = new Column[indexWriters.length];
        for (int i = 0; i < indexWriters.length; i++) {
            indexSources[i] = indexColumns[i] >= 0 ? block.column(indexColumns[i])
                    : schema.indexEvaluator().evaluate(indexWriters[i].definition().expression(), block);
        }
        List<Column> keys = schema.keys().sortingKey(block);
        if (primaryIndex == null) {
            primaryIndex = new ArrayList<>(keys.size());
            for (Column key : keys) {
                primaryIndex.add(ColumnBuilder.forType(key.type(), 16));
            }
        }
        int granularity = schema.granularity();
        ByteSink[] encoded = encodeInParallel(block);
        for (int start = 0, granule = 0; start < block.rowCount(); start += granularity, granule++) {
            int length = Math.min(granularity, block.rowCount() - start);
            for (int i = 0; i < keys.size(); i++) {
                primaryIndex.get(i).appendFrom(keys.get(i), start);
            }
            if (encoded != null) {
                int first = granule * block.columnCount();
                if (compactWriter != null) {
                    compactWriter.writeEncoded(length, encoded, first);
                } else {
                    for (int i = 0; i < columnWriters.length; i++) {
                        columnWriters[i].writeEncoded(encoded[first + i], length);
                        encoded[first + i] = null;
                    }
                }
            } else if (compactWriter != null) {
                compactWriter.writeGranule(block, start, length);
            } else {
                for (int i = 0; i < columnWriters.length; i++) {
                    columnWriters[i].writeGranule(block.column(i).region(start, length));
                }
            }
            for (int i = 0; i < indexWriters.length; i++) {
                indexWriters[i].addGranule(indexSources[i].region(start, length));
            }
            granules++;
        }
        updateMinMax(block);
        rows += block.rowCount();
    }

    /**
     * Encodes every granule of every column of a block of several granules (an insert) at once on all cores, in
     * granule-then-column order; null for a block of one granule (merges stream those, one core per merge).
     */
    private ByteSink[] encodeInParallel(Block block) {
        int granularity = schema.granularity();
        int granuleCount = (block.rowCount() + granularity - 1) / granularity;
        if (granuleCount < 2) {
            return null;
        }
        int columns = block.columnCount();
        ByteSink[] encoded = new ByteSink[granuleCount * columns];
        ParallelTasks.run(encoded.length, task -> {
            int column = task % columns;
            int start = task / columns * granularity;
            Column granule = block.column(column).region(start, Math.min(granularity, block.rowCount() - start));
            ByteSink raw = RAW.get();
            raw.reset();
            ColumnSerializer.write(granule, raw);
            // Compress into this thread's scratch (sized for the worst case once), keep an exact-size copy: a
            // buffer sized by guess would be regrown (allocated, zeroed, copied) for most granules.
            ByteSink scratch = FRAMED.get();
            scratch.reset();
            schema.columnCodecs().get(column).encoder().encode(raw.array(), raw.size(), scratch);
            ByteSink framed = new ByteSink(scratch.size());
            framed.writeBytes(scratch.array(), 0, scratch.size());
            encoded[task] = framed;
        });
        return encoded;
    }

    private static final ThreadLocal<ByteSink> RAW = ThreadLocal.withInitial(() -> new ByteSink(1 << 16));
    private static final ThreadLocal<ByteSink> FRAMED = ThreadLocal.withInitial(() -> new ByteSink(1 << 16));

    private void updateMinMax(Block block) {
        for (int i = 0; i < minMaxComparators.length; i++) {
            Column column = block.column(schema.minMaxColumns()[i]);
            ValueComparator comparator = minMaxComparators[i];
            for (int row = 0; row < column.size(); row++) {
                if (column.isNull(row)) {
                    continue;
                }
                if (minColumns[i] == null || comparator.compare(column, row, minColumns[i], minRows[i]) < 0) {
                    minColumns[i] = column;
                    minRows[i] = row;
                }
                if (maxColumns[i] == null || comparator.compare(column, row, maxColumns[i], maxRows[i]) > 0) {
                    maxColumns[i] = column;
                    maxRows[i] = row;
                }
            }
        }
    }

    /** Writes the index and metadata files, forces everything to disk; the part is complete when this returns. */
    public long finish() {
        if (compactWriter == null && columnWriters == null && !pending.isEmpty()) {
            open(PartFormat.COMPACT);
            flushPending();
        }
        if (rows == 0) {
            throw new IllegalStateException("A part needs at least one row");
        }
        if (compactWriter != null) {
            compactWriter.finish(checksums, unsynced);
        } else {
            for (ColumnFileWriter writer : columnWriters) {
                writer.finish(checksums, unsynced);
            }
        }
        for (SkipIndexWriter index : indexWriters) {
            writeFile(SkipIndexWriter.fileName(index.definition().name()), index.finish());
        }
        List<Column> indexColumns = new ArrayList<>();
        for (ColumnBuilder builder : primaryIndex) {
            indexColumns.add(builder.build());
        }
        writeFile(PartFiles.PRIMARY_INDEX, BlockSerde.serialize(new Block(indexColumns, granules), CompressionCodec.NONE));
        for (int i = 0; i < minMaxComparators.length; i++) {
            if (minColumns[i] == null) {
                continue;
            }
            ColumnDefinition definition = schema.columns().get(schema.minMaxColumns()[i]);
            ColumnBuilder builder = ColumnBuilder.forType(definition.type(), 2);
            builder.appendFrom(minColumns[i], minRows[i]);
            builder.appendFrom(maxColumns[i], maxRows[i]);
            writeFile(PartFiles.minMaxFile(definition.name()),
                    BlockSerde.serialize(new Block(List.of(builder.build()), 2), CompressionCodec.NONE));
        }
        writeFile(PartFiles.COUNT, Checksums.utf8(Long.toString(rows)));
        writeFile(PartFiles.PARTITION, Checksums.utf8(partitionId));
        writeFile(PartFiles.COLUMNS, Checksums.utf8(formatColumns(schema.columns())));
        Checksums sums = new Checksums(checksums);
        byte[] checksumText = sums.format().getBytes(StandardCharsets.UTF_8);
        PartFiles.write(directory.resolve(PartFiles.CHECKSUMS), checksumText, checksumText.length);
        unsynced.add(directory.resolve(PartFiles.CHECKSUMS));
        // One batch of fsyncs for the whole part (the directory is renamed into place only after this returns).
        PartFiles.forceAll(unsynced);
        PartFiles.fsyncDirectory(directory);
        finished = true;
        return sums.totalSize() + checksumText.length;
    }

    private void writeFile(String name, byte[] bytes) {
        PartFiles.write(directory.resolve(name), bytes, bytes.length);
        unsynced.add(directory.resolve(name));
        checksums.put(name, new Checksums.Entry(bytes.length, PartFiles.hash(bytes, 0, bytes.length)));
    }

    static String formatColumns(List<ColumnDefinition> columns) {
        StringBuilder text = new StringBuilder("columns format version: 1\n").append(columns.size()).append(" columns:\n");
        for (ColumnDefinition column : columns) {
            text.append(column.name().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"))
                    .append('\t').append(column.type().name()).append('\n');
        }
        return text.toString();
    }

    /** Closes the files; when {@link #finish} was not called, deletes the directory. */
    @Override
    public void close() {
        if (columnWriters != null) {
            for (ColumnFileWriter writer : columnWriters) {
                if (writer != null) {
                    writer.closeQuietly();
                }
            }
        }
        if (compactWriter != null) {
            compactWriter.closeQuietly();
        }
        if (!finished) {
            PartFiles.deleteRecursively(directory);
        }
    }
}
