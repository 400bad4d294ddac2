package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.block.BlockStream;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loaded, verified, immutable part (layout: see {@link PartWriter}). Holds its metadata, marks and primary
 * index in memory; column data is read on demand by {@link #scan}.
 *
 * <p>Lifetime: a part is reference counted. The table holds one reference while the part is active; each
 * snapshot holds one more. When the last reference is released after the part was retired (merged away,
 * truncated), its directory is renamed to {@code tmp_delete_*} and its files are deleted a while later
 * ({@link RetiredParts}). Thread-safe.
 */
public final class DataPart {
    private static final System.Logger LOG = System.getLogger(DataPart.class.getName());
    private static final AtomicLong RETIREMENTS = new AtomicLong();

    private final PartName name;
    private final Path directory;
    private final long rowCount;
    private final List<ColumnDefinition> columns;
    private final int[] granuleRows;
    private final Map<String, long[]> markOffsets;
    private final Map<String, long[]> blockEnds;
    private final boolean compact;
    private final List<String> skipIndexFiles;
    private volatile List<io.starling.storage.index.SkipIndex> skipIndexes;
    private final Map<String, Long> dataFileSizes;
    private final Block primaryIndex;
    private final Map<String, Column> partitionMinMax;
    private final long bytesOnDisk;
    private final AtomicInteger references = new AtomicInteger(1);
    /** Set by the table's part set (parts outside one, e.g. fetched and not published yet, read type defaults). */
    private volatile MissingColumns missingColumns = MissingColumns.TYPE_DEFAULTS;

    private DataPart(PartName name, Path directory, long rowCount, List<ColumnDefinition> columns, int[] granuleRows,
                     Map<String, long[]> markOffsets, Map<String, long[]> blockEnds, boolean compact,
                     List<String> skipIndexFiles, Map<String, Long> dataFileSizes, Block primaryIndex,
                     Map<String, Column> partitionMinMax, long bytesOnDisk) {
        this.blockEnds = blockEnds;
        this.compact = compact;
        this.skipIndexFiles = List.copyOf(skipIndexFiles);
        this.name = name;
        this.directory = directory;
        this.rowCount = rowCount;
        this.columns = List.copyOf(columns);
        this.granuleRows = granuleRows;
        this.markOffsets = markOffsets;
        this.dataFileSizes = dataFileSizes;
        this.primaryIndex = primaryIndex;
        this.partitionMinMax = Collections.unmodifiableMap(partitionMinMax);
        this.bytesOnDisk = bytesOnDisk;
    }

    /**
     * Loads the part in {@code directory}, verifying every file against {@code checksums.txt}. The returned part
     * holds one reference (the caller's). Throws {@link StarlingException} (CHECKSUM_DOESNT_MATCH or
     * CORRUPTED_DATA) when anything is missing, corrupt or inconsistent.
     */
    public static DataPart load(Path directory) {
        return load(directory, true);
    }

    /**
     * Loads a part; with {@code verifyChecksums} false only the metadata is read (for a part this process has
     * just written and forced to disk). Compressed blocks are still checked by their CRC32C when read.
     */
    public static DataPart load(Path directory, boolean verifyChecksums) {
        String directoryName = directory.getFileName().toString();
        PartName name = PartName.tryParse(directoryName).orElseThrow(() -> corrupt(directory,
                "the directory name is not {partition}_{minBlock}_{maxBlock}_{level}"));
        Path checksumFile = directory.resolve(PartFiles.CHECKSUMS);
        String checksumText = PartFiles.readText(checksumFile);
        Checksums checksums = Checksums.parse(checksumText, directory);
        if (verifyChecksums) {
            checksums.verify(directory);
        }
        String partition = PartFiles.readText(directory.resolve(PartFiles.PARTITION));
        if (!partition.equals(name.partitionId())) {
            throw corrupt(directory, "partition.txt says [" + partition + "] but the name says [" + name.partitionId() + "]");
        }
        long rowCount = parseCount(directory);
        List<ColumnDefinition> columns = parseColumns(PartFiles.readText(directory.resolve(PartFiles.COLUMNS)), directory);
        Map<String, long[]> markOffsets = new LinkedHashMap<>();
        Map<String, long[]> blockEnds = new LinkedHashMap<>();
        Map<String, Long> dataFileSizes = new LinkedHashMap<>();
        int[] granuleRows = null;
        boolean compact = checksums.entries().containsKey(PartFiles.COMPACT_MARKS);
        if (compact) {
            granuleRows = loadCompactMarks(directory, checksums, columns, markOffsets, blockEnds, dataFileSizes);
        }
        for (ColumnDefinition column : compact ? List.<ColumnDefinition>of() : columns) {
            Checksums.Entry data = checksums.entries().get(PartFiles.dataFile(column.name()));
            Checksums.Entry marks = checksums.entries().get(PartFiles.marksFile(column.name()));
            if (data == null || marks == null) {
                throw corrupt(directory, "the files of column [" + column.name() + "] are not listed in checksums.txt");
            }
            byte[] markBytes = readBytes(directory.resolve(PartFiles.marksFile(column.name())));
            if (markBytes.length % 12 != 0) {
                throw corrupt(directory, "marks of column [" + column.name() + "] are not a multiple of 12 bytes");
            }
            int granules = markBytes.length / 12;
            long[] offsets = new long[granules];
            int[] rows = new int[granules];
            ByteSource source = new ByteSource(markBytes);
            for (int g = 0; g < granules; g++) {
                offsets[g] = source.readLong();
                rows[g] = source.readCount("granule rows");
                if (offsets[g] < 0 || offsets[g] >= data.size() || (g > 0 && offsets[g] <= offsets[g - 1])) {
                    throw corrupt(directory, "mark " + g + " of column [" + column.name() + "] points outside its data file");
                }
            }
            if (granuleRows == null) {
                granuleRows = rows;
            } else if (!java.util.Arrays.equals(granuleRows, rows)) {
                throw corrupt(directory, "column [" + column.name() + "] has granules of other sizes than the first column");
            }
            markOffsets.put(column.name(), offsets);
            long[] ends = new long[granules];
            for (int g = 0; g < granules; g++) {
                ends[g] = g + 1 < granules ? offsets[g + 1] : data.size();
            }
            blockEnds.put(column.name(), ends);
            dataFileSizes.put(column.name(), data.size());
        }
        if (granuleRows == null) {
            throw corrupt(directory, "the part has no columns");
        }
        long total = 0;
        for (int rows : granuleRows) {
            total += rows;
        }
        if (total != rowCount) {
            throw corrupt(directory, "granules hold " + total + " rows but count.txt says " + rowCount);
        }
        Block primaryIndex = BlockSerde.deserialize(readBytes(directory.resolve(PartFiles.PRIMARY_INDEX)));
        if (primaryIndex.rowCount() != granuleRows.length) {
            throw corrupt(directory, "primary.idx has " + primaryIndex.rowCount() + " entries for "
                    + granuleRows.length + " granules");
        }
        Map<String, Column> minMax = new LinkedHashMap<>();
        for (ColumnDefinition column : columns) {
            String file = PartFiles.minMaxFile(column.name());
            if (checksums.entries().containsKey(file)) {
                minMax.put(column.name(), BlockSerde.deserialize(readBytes(directory.resolve(file))).column(0));
            }
        }
        List<String> skipIndexFiles = new ArrayList<>();
        for (String file : checksums.entries().keySet()) {
            if (file.startsWith(io.starling.storage.index.SkipIndex.FILE_PREFIX)
                    && file.endsWith(io.starling.storage.index.SkipIndex.FILE_SUFFIX)) {
                skipIndexFiles.add(file);
            }
        }
        long bytesOnDisk = checksums.totalSize() + checksumText.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return new DataPart(name, directory, rowCount, columns, granuleRows, markOffsets, blockEnds, compact,
                skipIndexFiles, dataFileSizes, primaryIndex, minMax, bytesOnDisk);
    }

    /** Reads {@code data.cmrk} of a compact part into per-column block offsets and ends; returns granule rows. */
    private static int[] loadCompactMarks(Path directory, Checksums checksums, List<ColumnDefinition> columns,
                                          Map<String, long[]> markOffsets, Map<String, long[]> blockEnds,
                                          Map<String, Long> dataFileSizes) {
        Checksums.Entry data = checksums.entries().get(PartFiles.COMPACT_DATA);
        if (data == null) {
            throw corrupt(directory, "compact part has marks but no " + PartFiles.COMPACT_DATA);
        }
        byte[] markBytes = readBytes(directory.resolve(PartFiles.COMPACT_MARKS));
        int entry = 4 + 8 * columns.size();
        if (columns.isEmpty() || markBytes.length % entry != 0) {
            throw corrupt(directory, "compact marks are not a multiple of " + entry + " bytes");
        }
        int granules = markBytes.length / entry;
        int[] rows = new int[granules];
        long[][] offsets = new long[columns.size()][granules];
        ByteSource source = new ByteSource(markBytes);
        long previous = -1;
        for (int g = 0; g < granules; g++) {
            rows[g] = source.readCount("granule rows");
            for (int c = 0; c < columns.size(); c++) {
                long offset = source.readLong();
                if (offset <= previous || offset >= data.size()) {
                    throw corrupt(directory, "compact mark " + g + " of column " + c + " points outside data.bin");
                }
                offsets[c][g] = offset;
                previous = offset;
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            long[] ends = new long[granules];
            for (int g = 0; g < granules; g++) {
                ends[g] = c + 1 < columns.size() ? offsets[c + 1][g] : g + 1 < granules ? offsets[0][g + 1] : data.size();
            }
            String column = columns.get(c).name();
            markOffsets.put(column, offsets[c]);
            blockEnds.put(column, ends);
            dataFileSizes.put(column, data.size());
        }
        return rows;
    }

    private static long parseCount(Path directory) {
        String text = PartFiles.readText(directory.resolve(PartFiles.COUNT));
        try {
            long count = Long.parseLong(text.trim());
            if (count <= 0) {
                throw corrupt(directory, "count.txt holds [" + count + "]");
            }
            return count;
        } catch (NumberFormatException e) {
            throw corrupt(directory, "count.txt is not a number");
        }
    }

    static List<ColumnDefinition> parseColumns(String text, Path directory) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals("columns format version: 1") || !lines[1].endsWith(" columns:")) {
            throw corrupt(directory, "columns.txt does not start with its format header");
        }
        int count;
        try {
            count = Integer.parseInt(lines[1].substring(0, lines[1].indexOf(' ')));
        } catch (NumberFormatException e) {
            throw corrupt(directory, "columns.txt has a malformed column count");
        }
        if (lines.length != count + 2) {
            throw corrupt(directory, "columns.txt announces " + count + " columns but lists " + (lines.length - 2));
        }
        List<ColumnDefinition> columns = new ArrayList<>(count);
        for (int i = 2; i < lines.length; i++) {
            int tab = lines[i].lastIndexOf('\t');
            if (tab < 0) {
                throw corrupt(directory, "line " + (i + 1) + " of columns.txt has no tab");
            }
            columns.add(new ColumnDefinition(unescape(lines[i].substring(0, tab)), DataTypes.parseStored(lines[i].substring(tab + 1))));
        }
        return columns;
    }

    private static String unescape(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                result.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw corrupt(file.getParent(), "file [" + file.getFileName() + "] cannot be read (" + e + ")");
        }
    }

    static StarlingException corrupt(Path directory, String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Part [" + directory + "] is corrupt: " + why
                + ". Detach the part and fetch it again from a replica");
    }

    public PartName partName() {
        return name;
    }

    /** The directory name, e.g. {@code 202401_3_7_1}. */
    public String name() {
        return name.toString();
    }

    public String partitionId() {
        return name.partitionId();
    }

    public long minBlock() {
        return name.minBlock();
    }

    public long maxBlock() {
        return name.maxBlock();
    }

    public int level() {
        return name.level();
    }

    public Path directory() {
        return directory;
    }

    public long rowCount() {
        return rowCount;
    }

    public long bytesOnDisk() {
        return bytesOnDisk;
    }

    /** The columns stored in this part, with the types they were written with. */
    public List<ColumnDefinition> columns() {
        return columns;
    }

    public int granuleCount() {
        return granuleRows.length;
    }

    public int granuleRows(int granule) {
        return granuleRows[granule];
    }

    /**
     * The sorting-key values of the first row of every granule: one column per sorting-key expression (in key
     * order), one row per granule. No columns when the sorting key is empty.
     */
    public Block primaryIndex() {
        return primaryIndex;
    }

    /** For each column the partition key mentions: a 2-row column holding its min and max non-NULL value. */
    public Map<String, Column> partitionMinMax() {
        return partitionMinMax;
    }

    ColumnDefinition column(String columnName) {
        for (ColumnDefinition column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        return null;
    }

    long[] markOffsets(String column) {
        return markOffsets.get(column);
    }

    long dataFileSize(String column) {
        return dataFileSizes.get(column);
    }

    /** Per granule, the end offset of the column's compressed block in its data file. */
    long[] blockEnds(String column) {
        return blockEnds.get(column);
    }

    /** The file holding the column's compressed blocks. */
    String dataFileName(String column) {
        return compact ? PartFiles.COMPACT_DATA : PartFiles.dataFile(column);
    }

    /** Whether the part is compact (one data file) rather than wide. */
    public PartFormat format() {
        return compact ? PartFormat.COMPACT : PartFormat.WIDE;
    }

    /**
     * The part's skip indexes ({@code skp_idx_*.idx}), read on first use and kept. Throws CORRUPTED_DATA when a
     * file cannot be read.
     */
    public List<io.starling.storage.index.SkipIndex> skipIndexes() {
        List<io.starling.storage.index.SkipIndex> loaded = skipIndexes;
        if (loaded == null) {
            List<io.starling.storage.index.SkipIndex> result = new ArrayList<>(skipIndexFiles.size());
            for (String file : skipIndexFiles) {
                result.add(io.starling.storage.index.SkipIndex.read(readBytes(directory.resolve(file)),
                        directory.resolve(file).toString()));
            }
            loaded = List.copyOf(result);
            skipIndexes = loaded;
        }
        return loaded;
    }

    /**
     * Reads the given columns (by table definition: a column this part lacks reads as its {@link MissingColumns}
     * say) of the selected granules ({@code null}: all), one block per granule. The caller must hold a reference for
     * as long as the stream is open.
     */
    public BlockStream scan(List<ColumnDefinition> wanted, BitSet granules, ScanStatistics statistics) {
        return new PartScan(this, wanted, granules, statistics);
    }

    /** Sets what this part reads for the table's columns it lacks (its table's set does, as the part enters it). */
    public void fillMissingWith(MissingColumns columns) {
        missingColumns = columns == null ? MissingColumns.TYPE_DEFAULTS : columns;
    }

    MissingColumns missingColumns() {
        return missingColumns;
    }

    /**
     * Random access to granules of the given columns (by table definition), for PREWHERE-style and multi-threaded
     * reads. The caller must hold a reference for as long as the reader is open; one thread per reader.
     */
    public GranuleReader granuleReader(List<ColumnDefinition> wanted, ScanStatistics statistics) {
        return new GranuleReader(this, wanted, statistics);
    }

    /** Adds a reference; false when the part was already released for good. */
    public boolean tryAcquire() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one deletes the part from disk (the table drops its own when it retires it). */
    public void release() {
        int remaining = references.decrementAndGet();
        if (remaining == 0) {
            deleteFromDisk();
        } else if (remaining < 0) {
            throw new IllegalStateException("Part [" + name + "] was released more often than acquired");
        }
    }

    /** Current reference count (for tests and diagnostics). */
    public int references() {
        return references.get();
    }

    /** Renames the directory out of the way at once; its files go later ({@link RetiredParts}). */
    private void deleteFromDisk() {
        // unique (a part of this name may be retired again before the first one's files are gone), and never
        // parsed as a part name: the suffix after the level is not a number
        Path doomed = directory.resolveSibling("tmp_delete_" + name + "." + RETIREMENTS.incrementAndGet());
        try {
            Files.move(directory, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            PartFiles.fsyncDirectory(directory.getParent());
            RetiredParts.deleteLater(doomed);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete retired part [" + directory + "]; it will be removed "
                    + "at the next start if another part covers it: " + e);
        }
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
