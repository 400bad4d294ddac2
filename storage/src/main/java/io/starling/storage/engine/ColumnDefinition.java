package io.starling.storage.engine;

import io.starling.storage.type.DataType;
import java.util.Objects;

/** A named, typed column of a table. */
public record ColumnDefinition(String name, DataType type) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
