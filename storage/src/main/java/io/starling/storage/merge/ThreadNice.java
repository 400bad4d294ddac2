package io.starling.storage.merge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the CPU priority of the calling thread (its Linux nice value), so that background work such as merges
 * takes the cores only when inserts and queries leave them idle. Like ClickHouse's
 * {@code os_threads_nice_value_merge_mutate}, but raising the nice value needs no privilege. Java has no call for
 * it: the thread finds its kernel thread id through {@code /proc/thread-self} and runs {@code renice} on it once.
 * Elsewhere (no procfs, no renice) nothing changes. Thread-safe.
 */
public final class ThreadNice {
    private static final System.Logger LOG = System.getLogger(ThreadNice.class.getName());

    private ThreadNice() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1 to 19); answers whether it took effect. Zero or less
     * leaves the thread as it is.
     */
    public static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return false;
        }
        int value = Math.min(19, nice);
        try {
            String threadId = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(value), "-p", threadId)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            return renice.exitValue() == 0 && currentNice() == value;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot lower the priority of [" + Thread.currentThread().getName()
                    + "]: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The calling thread's nice value (field 19 of {@code /proc/thread-self/stat}). */
    public static int currentNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[16]);
    }
}
