package io.starling.storage.engine;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.fault.FaultPoints;
import io.starling.storage.mutation.CommitLog;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits a swap of several parts at once (mutations, replaces, TTL drops) through a durable {@link CommitLog}
 * record: after the record is written the swap happens, even across a crash (the next open finishes it); before,
 * it never happens. Commits and truncation are serialized by {@link #lock()}; inserts and merges of other parts
 * go on meanwhile. Thread-safe.
 */
final class SwapCommitter {
    private final Path directory;
    private final PartSet parts;
    private final AtomicLong sequence;
    private final Object lock = new Object();
    /** Records whose retired parts may still be on disk (an open snapshot holds them). Guarded by lock. */
    private final List<Path> pending = new ArrayList<>();

    SwapCommitter(Path directory, PartSet parts, long nextSequence) {
        this.directory = directory;
        this.parts = parts;
        this.sequence = new AtomicLong(nextSequence);
    }

    Object lock() {
        return lock;
    }

    /**
     * Swaps {@code retired} (reserved by the caller, still active) for the parts waiting in {@code temporaries}
     * under {@code names}. Fails with ABORTED, removing the temporaries, when a retired part is gone or
     * {@code blockNumber} (-1: none) was truncated meanwhile. Returns the new parts.
     */
    List<DataPart> commit(List<Path> temporaries, List<PartName> names, List<DataPart> retired, long blockNumber) {
        synchronized (lock) {
            if (!parts.allActive(retired) || parts.isClosed()) {
                temporaries.forEach(PartFiles::deleteRecursively);
                throw new StarlingException(ErrorCode.ABORTED, "The table changed while it was being rewritten (a "
                        + "merge or truncate replaced some of its parts); retry the operation");
            }
            if (blockNumber >= 0 && parts.truncated(blockNumber)) {
                temporaries.forEach(PartFiles::deleteRecursively);
                throw new StarlingException(ErrorCode.ABORTED, "The table was truncated while it was being rewritten;"
                        + " retry the operation");
            }
            FaultPoints.check(FaultPoints.DURING_MUTATION_BEFORE_COMMIT, directory);
            List<CommitLog.Rename> renames = new ArrayList<>();
            for (int i = 0; i < temporaries.size(); i++) {
                renames.add(new CommitLog.Rename(temporaries.get(i).getFileName().toString(), names.get(i).toString()));
            }
            Path record = CommitLog.write(directory, sequence.getAndIncrement(), renames,
                    retired.stream().map(DataPart::name).toList());
            List<DataPart> added = new ArrayList<>();
            try {
                FaultPoints.check(FaultPoints.DURING_MUTATION_BEFORE_SWAP, directory);
                for (int i = 0; i < temporaries.size(); i++) {
                    added.add(TableFiles.renameIntoPlace(directory, temporaries.get(i), names.get(i)));
                }
                if (!parts.swap(retired, added, -1)) {
                    throw new IllegalStateException("parts changed during a serialized commit");
                }
            } catch (RuntimeException e) {
                // The record is durable: the swap is decided and the next open finishes it. Stop serving the
                // old state from memory.
                parts.close();
                added.forEach(DataPart::release);
                throw e;
            }
            retired.forEach(DataPart::release);
            pending.add(record);
            forgetFinished();
            return added;
        }
    }

    /** Deletes records whose retired parts are all gone from disk. */
    private void forgetFinished() {
        for (Iterator<Path> iterator = pending.iterator(); iterator.hasNext(); ) {
            Path record = iterator.next();
            if (CommitLog.retiredPartsGone(record)) {
                CommitLog.forget(record);
                iterator.remove();
            }
        }
    }
}
