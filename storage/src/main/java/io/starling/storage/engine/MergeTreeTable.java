package io.starling.storage.engine;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.MergeSelector;
import io.starling.storage.merge.PartMerger;
import io.starling.storage.merge.SortPermutation;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import io.starling.storage.part.PartSchema;
import io.starling.storage.part.PartWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A MergeTree table: a directory of immutable parts (see ARCHITECTURE.md §2 and {@link PartWriter} for the part
 * layout). Besides part directories the table directory holds {@code tmp_*} directories of unfinished writes
 * (removed at open), {@code detached/} (corrupt parts set aside as {@code broken_<name>}) and
 * {@code truncated_up_to.txt} (parts whose max block is at most this number were truncated and are removed at
 * open).
 *
 * <p>Threading: {@link #insert} may be called from several threads; each insert writes its own parts outside
 * any lock and publishes them atomically. {@link #snapshot} never waits for inserts or merges (it takes the
 * publication lock only to copy the active list). A retired part (merged away or truncated) is deleted from
 * disk when the last snapshot holding it closes. A crash at any point leaves either the old or the new set of
 * parts: merged parts cover their sources' block range, so leftover sources are removed at open.
 */
public final class MergeTreeTable implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MergeTreeTable.class.getName());
    static final String TRUNCATE_FILE = "truncated_up_to.txt";
    static final String DETACHED = "detached";
    /** Setting: active parts per partition above which inserts fail with TOO_MANY_PARTS. */
    public static final String PARTS_TO_THROW_INSERT = "parts_to_throw_insert";
    private static final int DEFAULT_PARTS_TO_THROW_INSERT = 300;
    private static final int MAX_MERGES_PER_CALL = 64;

    private final Path directory;
    private final TableDefinition definition;
    private final PartSchema schema;
    private final int partsToThrowInsert;
    private final Object lock = new Object();
    private final AtomicLong lastBlockNumber;
    private final AtomicLong temporaryCounter = new AtomicLong();
    /** Guarded by {@link #lock}; an immutable list in {@link PartName} order. */
    private List<DataPart> active;
    /** Guarded by {@link #lock}. */
    private final Set<PartName> merging = new HashSet<>();
    /** Guarded by {@link #lock}. */
    private long truncatedUpTo;
    private volatile boolean closed;

    private MergeTreeTable(Path directory, TableDefinition definition, PartSchema schema, List<DataPart> active,
                           long lastBlockNumber, long truncatedUpTo) {
        this.directory = directory;
        this.definition = definition;
        this.schema = schema;
        this.active = List.copyOf(active);
        this.lastBlockNumber = new AtomicLong(lastBlockNumber);
        this.truncatedUpTo = truncatedUpTo;
        String limit = definition.settings().get(PARTS_TO_THROW_INSERT);
        this.partsToThrowInsert = limit == null ? DEFAULT_PARTS_TO_THROW_INSERT : Integer.parseInt(limit.trim());
    }

    /** Opens (or creates) the table in {@code directory}: removes temporary directories, loads and verifies parts. */
    public static MergeTreeTable open(Path directory, TableDefinition definition, KeyEvaluator keys) {
        PartSchema schema = PartSchema.of(definition, keys);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot create table directory ["
                    + directory + "]: " + e + ". Check permissions and free disk space", e);
        }
        long truncatedUpTo = readTruncateMark(directory);
        long highestBlock = truncatedUpTo;
        List<DataPart> loaded = new ArrayList<>();
        for (Path entry : list(directory)) {
            String name = entry.getFileName().toString();
            if (name.startsWith("tmp_")) {
                LOG.log(System.Logger.Level.INFO, "Removing unfinished temporary directory [" + entry + "]");
                PartFiles.deleteRecursively(entry);
                continue;
            }
            if (name.equals(DETACHED) || !Files.isDirectory(entry)) {
                continue;
            }
            Optional<PartName> partName = PartName.tryParse(name);
            if (partName.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring directory [" + entry + "]: its name is not a part name");
                continue;
            }
            highestBlock = Math.max(highestBlock, partName.get().maxBlock());
            if (partName.get().maxBlock() <= truncatedUpTo) {
                removeDirectory(entry);
                continue;
            }
            try {
                loaded.add(DataPart.load(entry));
            } catch (RuntimeException e) {
                detachBroken(directory, entry, e);
            }
        }
        highestBlock = Math.max(highestBlock, highestDetachedBlock(directory));
        List<DataPart> active = new ArrayList<>();
        for (DataPart part : loaded) {
            boolean covered = false;
            for (DataPart other : loaded) {
                covered |= other.partName().covers(part.partName());
            }
            if (covered) {
                LOG.log(System.Logger.Level.INFO, "Removing part [" + part.name() + "]: a merged part covers it");
                part.release();
            } else {
                active.add(part);
            }
        }
        active.sort((left, right) -> left.partName().compareTo(right.partName()));
        return new MergeTreeTable(directory, definition, schema, active, highestBlock, truncatedUpTo);
    }

    public TableDefinition definition() {
        return definition;
    }

    public Path directory() {
        return directory;
    }

    /** Writes the block (in the table's column order) as new parts; durable when this returns. */
    public InsertResult insert(Block block) {
        checkOpen();
        checkShape(block);
        if (block.rowCount() == 0) {
            return new InsertResult(0, List.of());
        }
        long blockNumber = lastBlockNumber.incrementAndGet();
        Map<String, Block> partitions = splitByPartition(block);
        checkPartCount(partitions.keySet());
        List<Path> written = new ArrayList<>(partitions.size());
        List<PartName> names = new ArrayList<>(partitions.size());
        try {
            for (Map.Entry<String, Block> partition : partitions.entrySet()) {
                Block sorted = sort(partition.getValue());
                Path temporary = directory.resolve("tmp_insert_" + temporaryCounter.incrementAndGet());
                try (PartWriter writer = new PartWriter(temporary, schema, partition.getKey())) {
                    writer.append(sorted);
                    writer.finish();
                }
                written.add(temporary);
                names.add(new PartName(partition.getKey(), blockNumber, blockNumber, 0));
            }
            List<DataPart> parts = new ArrayList<>(written.size());
            for (int i = 0; i < written.size(); i++) {
                parts.add(renameIntoPlace(written.get(i), names.get(i)));
                written.set(i, null);
            }
            publishInsert(parts, blockNumber);
        } finally {
            for (Path leftover : written) {
                if (leftover != null) {
                    PartFiles.deleteRecursively(leftover);
                }
            }
        }
        return new InsertResult(block.rowCount(), names.stream().map(PartName::toString).toList());
    }

    private void checkShape(Block block) {
        List<ColumnDefinition> columns = definition.columns();
        if (block.columnCount() != columns.size()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Block has " + block.columnCount()
                    + " columns but the table has " + columns.size() + "; send every column in table order");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!block.column(i).type().equals(columns.get(i).type())) {
                throw new StarlingException(ErrorCode.TYPE_MISMATCH, "Column [" + columns.get(i).name() + "] has type ["
                        + columns.get(i).type().name() + "] but the block holds [" + block.column(i).type().name()
                        + "]; convert the values before inserting");
            }
        }
    }

    private Map<String, Block> splitByPartition(Block block) {
        String[] ids = schema.keys().partitionIds(block);
        String first = ids[0];
        boolean single = true;
        for (String id : ids) {
            if (id != first && !id.equals(first)) {
                single = false;
                break;
            }
        }
        Map<String, Block> result = new LinkedHashMap<>();
        if (single) {
            result.put(first, block);
            return result;
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (String id : ids) {
            counts.computeIfAbsent(id, key -> new int[1])[0]++;
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        Map<String, int[]> filled = new LinkedHashMap<>();
        counts.forEach((id, count) -> {
            positions.put(id, new int[count[0]]);
            filled.put(id, new int[1]);
        });
        for (int row = 0; row < ids.length; row++) {
            int[] fill = filled.get(ids[row]);
            positions.get(ids[row])[fill[0]++] = row;
        }
        positions.forEach((id, rows) -> result.put(id, block.select(rows, rows.length)));
        return result;
    }

    private Block sort(Block block) {
        List<Column> key = schema.keys().sortingKey(block);
        int[] permutation = SortPermutation.of(key, block.rowCount());
        return permutation == null ? block : block.select(permutation, permutation.length);
    }

    private void checkPartCount(Set<String> partitionIds) {
        List<DataPart> current;
        synchronized (lock) {
            current = active;
        }
        for (String partitionId : partitionIds) {
            int count = 0;
            for (DataPart part : current) {
                if (part.partitionId().equals(partitionId)) {
                    count++;
                }
            }
            if (count >= partsToThrowInsert) {
                throw new StarlingException(ErrorCode.TOO_MANY_PARTS, "Too many parts (" + count + ") in partition ["
                        + partitionId + "]; merges are slower than inserts. Insert bigger, less frequent batches");
            }
        }
    }

    private DataPart renameIntoPlace(Path temporary, PartName name) {
        Path target = directory.resolve(name.toString());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot rename [" + temporary
                    + "] to [" + target + "]: " + e + ". Check that the directory is writable", e);
        }
        PartFiles.fsyncDirectory(directory);
        return DataPart.load(target, false);
    }

    private void publishInsert(List<DataPart> parts, long blockNumber) {
        boolean discard;
        synchronized (lock) {
            discard = blockNumber <= truncatedUpTo || closed;
            if (!discard) {
                List<DataPart> next = new ArrayList<>(active);
                next.addAll(parts);
                next.sort((left, right) -> left.partName().compareTo(right.partName()));
                active = List.copyOf(next);
            }
        }
        if (discard) {
            // A concurrent truncate ordered itself after this insert: its rows are gone, as if truncated.
            parts.forEach(DataPart::release);
        }
    }

    /**
     * Atomically replaces the rows of the parts named {@code retire} with {@code blocks} (in table column order):
     * readers see the old parts or the new ones, never a mix (used for replace, replace by partition and delete
     * by condition). In each partition the new part is named to cover the retired parts' block range, so a crash
     * after it is renamed into place removes the retired parts at open, as after a merge. Fails with
     * ABORTED (236) when a retired part is no longer active (a merge or truncate got there first): retry.
     * Parts inserted concurrently (not in {@code retire}) stay.
     */
    public InsertResult replaceParts(Collection<String> retire, List<Block> blocks) {
        checkOpen();
        for (Block block : blocks) {
            checkShape(block);
        }
        List<DataPart> retired = new ArrayList<>();
        synchronized (lock) {
            Set<String> wanted = new HashSet<>(retire);
            for (DataPart part : active) {
                if (wanted.contains(part.name())) {
                    retired.add(part);
                }
            }
            if (retired.size() != wanted.size()) {
                throw new StarlingException(ErrorCode.ABORTED, "The table changed while it was being rewritten (a merge "
                        + "or truncate replaced some of its parts); retry the operation");
            }
        }
        long blockNumber = lastBlockNumber.incrementAndGet();
        Map<String, List<Block>> byPartition = new LinkedHashMap<>();
        for (Block block : blocks) {
            if (block.rowCount() > 0) {
                splitByPartition(block).forEach((id, part) -> byPartition.computeIfAbsent(id, key -> new ArrayList<>()).add(part));
            }
        }
        List<Path> written = new ArrayList<>();
        List<PartName> names = new ArrayList<>();
        long rows = 0;
        try {
            for (Map.Entry<String, List<Block>> partition : byPartition.entrySet()) {
                Block merged = concat(partition.getValue());
                rows += merged.rowCount();
                long minBlock = blockNumber;
                int level = 0;
                for (DataPart old : retired) {
                    if (old.partitionId().equals(partition.getKey())) {
                        minBlock = Math.min(minBlock, old.minBlock());
                        level = Math.max(level, old.level() + 1);
                    }
                }
                Path temporary = directory.resolve("tmp_replace_" + temporaryCounter.incrementAndGet());
                try (PartWriter writer = new PartWriter(temporary, schema, partition.getKey())) {
                    writer.append(sort(merged));
                    writer.finish();
                }
                written.add(temporary);
                names.add(new PartName(partition.getKey(), minBlock, blockNumber, level));
            }
            List<DataPart> parts = new ArrayList<>(written.size());
            for (int i = 0; i < written.size(); i++) {
                parts.add(renameIntoPlace(written.get(i), names.get(i)));
                written.set(i, null);
            }
            boolean published;
            synchronized (lock) {
                published = !closed && active.containsAll(retired) && blockNumber > truncatedUpTo;
                if (published) {
                    List<DataPart> next = new ArrayList<>(active);
                    next.removeAll(retired);
                    next.addAll(parts);
                    next.sort((left, right) -> left.partName().compareTo(right.partName()));
                    active = List.copyOf(next);
                }
            }
            if (!published) {
                parts.forEach(DataPart::release);
                throw new StarlingException(ErrorCode.ABORTED, "The table changed while it was being rewritten (a merge "
                        + "or truncate replaced some of its parts); retry the operation");
            }
            retired.forEach(DataPart::release);
        } finally {
            for (Path leftover : written) {
                if (leftover != null) {
                    PartFiles.deleteRecursively(leftover);
                }
            }
        }
        return new InsertResult(rows, names.stream().map(PartName::toString).toList());
    }

    /** The partition ids of the block's rows (by the table's partition key), distinct. */
    public Set<String> partitionIds(Block block) {
        checkShape(block);
        return block.rowCount() == 0 ? Set.of() : new HashSet<>(java.util.Arrays.asList(schema.keys().partitionIds(block)));
    }

    private Block concat(List<Block> blocks) {
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        int total = 0;
        for (Block block : blocks) {
            total += block.rowCount();
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < definition.columns().size(); c++) {
            io.starling.storage.column.ColumnBuilder builder =
                    io.starling.storage.column.ColumnBuilder.forType(definition.columns().get(c).type(), total);
            for (Block block : blocks) {
                Column column = block.column(c);
                for (int row = 0; row < block.rowCount(); row++) {
                    builder.appendFrom(column, row);
                }
            }
            columns.add(builder.build());
        }
        return new Block(columns, total);
    }

    /** A consistent, reference-counted view of the active parts. Close it when done. */
    public MergeTreeSnapshot snapshot() {
        checkOpen();
        List<DataPart> parts;
        synchronized (lock) {
            parts = active;
            for (DataPart part : parts) {
                if (!part.tryAcquire()) {
                    throw new IllegalStateException("Active part [" + part.name() + "] has no references");
                }
            }
        }
        return new MergeTreeSnapshot(definition, parts);
    }

    /** Removes every row atomically for readers; open snapshots keep reading what they saw. */
    public void truncate() {
        checkOpen();
        List<DataPart> retired;
        synchronized (lock) {
            long upTo = lastBlockNumber.get();
            writeTruncateMark(upTo);
            truncatedUpTo = upTo;
            retired = active;
            active = List.of();
        }
        retired.forEach(DataPart::release);
    }

    public TableStatistics statistics() {
        List<DataPart> parts;
        synchronized (lock) {
            parts = active;
        }
        long rows = 0;
        long bytes = 0;
        for (DataPart part : parts) {
            rows += part.rowCount();
            bytes += part.bytesOnDisk();
        }
        return new TableStatistics(rows, bytes, parts.size());
    }

    /** Metadata of the active parts (no references are taken: do not read their files; use a snapshot for that). */
    public List<DataPart> activeParts() {
        synchronized (lock) {
            return active;
        }
    }

    /**
     * Merges one run of adjacent parts of one partition (up to {@link MergeSelector#MAX_PARTS_PER_MERGE}, the
     * smallest balanced run preferred) into a part of the next level, if any partition has two or more parts.
     * Runs on the calling thread. Returns the new part's name.
     */
    public Optional<String> mergeOnce() {
        return merge(2, true);
    }

    /**
     * Merges while some partition has a balanced run of at least 3 adjacent parts; call it after inserts. Returns
     * the number of merges done (at most {@value #MAX_MERGES_PER_CALL}).
     */
    public int maybeMerge() {
        int merges = 0;
        while (merges < MAX_MERGES_PER_CALL && merge(3, false).isPresent()) {
            merges++;
        }
        return merges;
    }

    private Optional<String> merge(int minParts, boolean force) {
        checkOpen();
        List<DataPart> sources = new ArrayList<>();
        synchronized (lock) {
            List<MergeSelector.Candidate> candidates = new ArrayList<>(active.size());
            for (DataPart part : active) {
                candidates.add(new MergeSelector.Candidate(part.partName(), part.bytesOnDisk()));
            }
            List<PartName> chosen = MergeSelector.select(candidates, merging, minParts, force);
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
            Set<PartName> wanted = new HashSet<>(chosen);
            for (DataPart part : active) {
                if (wanted.contains(part.partName()) && part.tryAcquire()) {
                    sources.add(part);
                }
            }
            merging.addAll(chosen);
        }
        try {
            return Optional.of(mergeParts(sources));
        } finally {
            synchronized (lock) {
                for (DataPart source : sources) {
                    merging.remove(source.partName());
                }
            }
            sources.forEach(DataPart::release);
        }
    }

    private String mergeParts(List<DataPart> sources) {
        DataPart first = sources.get(0);
        long minBlock = Long.MAX_VALUE;
        long maxBlock = Long.MIN_VALUE;
        int level = 0;
        for (DataPart source : sources) {
            minBlock = Math.min(minBlock, source.minBlock());
            maxBlock = Math.max(maxBlock, source.maxBlock());
            level = Math.max(level, source.level());
        }
        PartName name = new PartName(first.partitionId(), minBlock, maxBlock, level + 1);
        Path temporary = directory.resolve("tmp_merge_" + temporaryCounter.incrementAndGet());
        try (PartWriter writer = new PartWriter(temporary, schema, first.partitionId())) {
            PartMerger.merge(sources, schema, writer);
            writer.finish();
        }
        DataPart merged;
        try {
            merged = renameIntoPlace(temporary, name);
        } catch (RuntimeException e) {
            PartFiles.deleteRecursively(temporary);
            throw e;
        }
        boolean published;
        synchronized (lock) {
            published = !closed && active.containsAll(sources);
            if (published) {
                List<DataPart> next = new ArrayList<>(active);
                next.removeAll(sources);
                next.add(merged);
                next.sort((left, right) -> left.partName().compareTo(right.partName()));
                active = List.copyOf(next);
            }
        }
        if (published) {
            sources.forEach(DataPart::release);
        } else {
            merged.release();
        }
        return name.toString();
    }

    private void checkOpen() {
        if (closed) {
            throw new StarlingException(ErrorCode.LOGICAL_ERROR, "Table [" + directory + "] is closed; open it again");
        }
    }

    /** Stops inserts, merges and new snapshots. Parts stay on disk; open snapshots remain readable. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private void writeTruncateMark(long upTo) {
        Path temporary = directory.resolve("tmp_" + TRUNCATE_FILE);
        byte[] bytes = Long.toString(upTo).getBytes(StandardCharsets.UTF_8);
        try {
            Files.deleteIfExists(temporary);
            PartFiles.writeDurably(temporary, bytes, bytes.length);
            Files.move(temporary, directory.resolve(TRUNCATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot record the truncation of ["
                    + directory + "]: " + e + ". Check that the directory is writable", e);
        }
        PartFiles.fsyncDirectory(directory);
    }

    private static long readTruncateMark(Path directory) {
        Path file = directory.resolve(TRUNCATE_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Truncation mark [" + file + "] is unreadable: " + e
                    + ". Fix or remove the file (removing it brings truncated parts back if any are left)", e);
        }
    }

    private static List<Path> list(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Cannot list table directory [" + directory
                    + "]: " + e, e);
        }
        entries.sort(null);
        return entries;
    }

    private static void removeDirectory(Path entry) {
        Path doomed = entry.resolveSibling("tmp_delete_" + entry.getFileName());
        try {
            Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            doomed = entry;
        }
        PartFiles.deleteRecursively(doomed);
    }

    private static void detachBroken(Path directory, Path part, RuntimeException cause) {
        Path detached = directory.resolve(DETACHED);
        try {
            Files.createDirectories(detached);
            Path target = detached.resolve("broken_" + part.getFileName());
            for (int attempt = 1; Files.exists(target); attempt++) {
                target = detached.resolve("broken_" + part.getFileName() + "_try" + attempt);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            PartFiles.fsyncDirectory(directory);
            LOG.log(System.Logger.Level.ERROR, "Part [" + part.getFileName() + "] is corrupt and was moved to ["
                    + target + "]; it is not served. Fetch it again from a replica. Cause: " + cause.getMessage());
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Part [" + part
                    + "] is corrupt and cannot be moved to [" + detached + "]: " + e + ". Move it away by hand", e);
        }
    }

    private static long highestDetachedBlock(Path directory) {
        Path detached = directory.resolve(DETACHED);
        if (!Files.isDirectory(detached)) {
            return 0;
        }
        long highest = 0;
        for (Path entry : list(detached)) {
            String name = entry.getFileName().toString();
            String bare = name.startsWith("broken_") ? name.substring("broken_".length()) : name;
            int suffix = bare.indexOf("_try");
            if (suffix > 0) {
                bare = bare.substring(0, suffix);
            }
            highest = Math.max(highest, PartName.tryParse(bare).map(PartName::maxBlock).orElse(0L));
        }
        return highest;
    }
}
