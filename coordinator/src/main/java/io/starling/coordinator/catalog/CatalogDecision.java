package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.storage.error.ErrorCode;

/** What the catalog does with a command: persist an event, nothing (already so), or refuse it. */
public sealed interface CatalogDecision {

    /** Persist this event, then answer. */
    record Accept(CatalogEvent event) implements CatalogDecision {
    }

    /** The catalog already is as the command asks; answer without persisting. */
    record Unchanged() implements CatalogDecision {
    }

    /** Refuse with a ClickHouse error code and a message saying what to do. */
    record Reject(ErrorCode code, String message) implements CatalogDecision {
    }
}
