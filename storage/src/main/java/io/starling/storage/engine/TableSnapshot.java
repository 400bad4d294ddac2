package io.starling.storage.engine;

import io.starling.storage.block.BlockStream;
import java.util.List;

/** The set of parts a reader sees; parts stay on disk until every snapshot that holds them is closed. */
public interface TableSnapshot extends AutoCloseable {
    long rowCount();

    /** Reads the named columns of every part, in part order, counting what it reads into {@code statistics}. */
    BlockStream scan(List<String> columns, ScanStatistics statistics);

    @Override
    void close();
}
