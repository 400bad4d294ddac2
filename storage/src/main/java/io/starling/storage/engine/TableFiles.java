package io.starling.storage.engine;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.mutation.CommitLog;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table directory on disk: loading it at open (finishing committed swaps, removing temporary directories,
 * truncated and covered parts, detaching corrupt ones), the truncation mark and renaming parts into place.
 * Layout: part directories, {@code tmp_*} (unfinished writes), {@code detached/} (corrupt parts as
 * {@code broken_<name>}), {@code truncated_up_to.txt} (parts whose max block is at most this number were
 * truncated) and {@code commit_*.txt} (see {@link CommitLog}).
 */
final class TableFiles {
    private static final System.Logger LOG = System.getLogger(TableFiles.class.getName());
    static final String TRUNCATE_FILE = "truncated_up_to.txt";
    static final String DETACHED = "detached";

    /** What open found. */
    record Loaded(List<DataPart> active, long highestBlock, long truncatedUpTo, long nextCommit) {
    }

    private TableFiles() {
    }

    static Loaded load(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot create table directory ["
                    + directory + "]: " + e + ". Check permissions and free disk space", e);
        }
        long nextCommit = CommitLog.recover(directory);
        TransactionIntent.recover(directory);
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
        return new Loaded(active, highestBlock, truncatedUpTo, nextCommit);
    }

    /** Renames a complete temporary part directory to its part name and loads it. */
    static DataPart renameIntoPlace(Path directory, Path temporary, PartName name) {
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

    static void writeTruncateMark(Path directory, long upTo) {
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
