package io.starling.node.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The backfill tasks of one deployment that are done, one line per (data source, live partition) in
 * {@code <dir>/deployment-<id>.backfill}, appended and forced to disk before the task counts as done: after a
 * restart the deployment resumes with the other partitions (spec lifecycle §2.4, ARCHITECTURE §5 "resumable").
 * "Done" means the staging table holds every row of that live partition from the cut-over on. Thread-safe.
 */
final class BackfillProgress implements AutoCloseable {
    private final Path file;
    private final Map<String, Set<String>> done = new HashMap<>();
    private FileChannel channel;

    private BackfillProgress(Path file) {
        this.file = file;
    }

    /** Loads what a previous run of this deployment finished (nothing when there is no file). */
    static BackfillProgress open(Path directory, long deploymentId) {
        BackfillProgress progress = new BackfillProgress(directory.resolve("deployment-" + deploymentId + ".backfill"));
        try {
            Files.createDirectories(directory);
            if (Files.isRegularFile(progress.file)) {
                String text = Files.readString(progress.file, StandardCharsets.UTF_8);
                String[] lines = text.split("\n", -1);
                // The last element follows the last newline: empty, or a line torn by a crash (not done).
                for (int i = 0; i < lines.length - 1; i++) {
                    int tab = lines[i].indexOf('\t');
                    if (tab > 0) {
                        progress.done.computeIfAbsent(lines[i].substring(0, tab), ignored -> new HashSet<>())
                                .add(unescape(lines[i].substring(tab + 1)));
                    }
                }
            }
            long whole = 0;
            if (Files.isRegularFile(progress.file)) {
                byte[] bytes = Files.readAllBytes(progress.file);
                for (int i = bytes.length - 1; i >= 0; i--) {
                    if (bytes[i] == '\n') {
                        whole = i + 1;
                        break;
                    }
                }
            }
            progress.channel = FileChannel.open(progress.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            progress.channel.truncate(whole);   // drop a torn last line
            progress.channel.position(whole);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the backfill progress " + progress.file, e);
        }
        return progress;
    }

    synchronized boolean isDone(String dataSource, String partitionId) {
        return done.getOrDefault(dataSource, Set.of()).contains(partitionId);
    }

    synchronized int doneCount(String dataSource) {
        return done.getOrDefault(dataSource, Set.of()).size();
    }

    /** Records the task as done, durably, before answering. */
    synchronized void markDone(String dataSource, String partitionId) {
        if (!done.computeIfAbsent(dataSource, ignored -> new HashSet<>()).add(partitionId)) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap((dataSource + "\t" + escape(partitionId) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record backfill progress in " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing more to record
        }
    }

    /** Closes and removes the file: the deployment finished, failed or was discarded. */
    void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file of a finished deployment is never read again
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
