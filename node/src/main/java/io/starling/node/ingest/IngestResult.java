package io.starling.node.ingest;

/** What one import wrote: good rows into the data source, bad rows into its quarantine. */
public record IngestResult(String importId, long successfulRows, long quarantinedRows, long invalidLines) {

    public IngestResult plus(IngestResult other) {
        return new IngestResult(importId, successfulRows + other.successfulRows,
                quarantinedRows + other.quarantinedRows, invalidLines + other.invalidLines);
    }

    /** Tinybird's partial-failure text, or null when every row went in. */
    public String errorText() {
        if (quarantinedRows == 0 && invalidLines == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder("There was an error with file contents: ");
        if (quarantinedRows > 0) {
            text.append(quarantinedRows).append(quarantinedRows == 1 ? " row" : " rows").append(" in quarantine");
        }
        if (invalidLines > 0) {
            if (quarantinedRows > 0) {
                text.append(" and ");
            }
            text.append(invalidLines).append(invalidLines == 1 ? " invalid line" : " invalid lines");
        }
        return text.toString();
    }
}
