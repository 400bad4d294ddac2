package io.starling.storage.engine;

import java.util.List;

/** What an insert wrote: every row is durable (fsynced, renamed into place) when this is returned. */
public record InsertResult(long rows, List<String> partNames) {
    public InsertResult {
        partNames = List.copyOf(partNames);
    }
}
