package io.starling.sql.format.input;

import java.util.List;

/**
 * A row that did not fit the schema. {@code rawValues} has one entry per data-source column (null when the
 * input had nothing for it); {@code errorColumns} and {@code errors} explain, e.g.
 * {@code value 'abc' on column 'amount' is not Int64}.
 */
public record QuarantinedRow(List<String> rawValues, List<String> errorColumns, List<String> errors) {
    public QuarantinedRow {
        rawValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rawValues));
        errorColumns = List.copyOf(errorColumns);
        errors = List.copyOf(errors);
    }
}
