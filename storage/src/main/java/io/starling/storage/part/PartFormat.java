package io.starling.storage.part;

/** How a part stores its columns (see {@link PartWriter}). */
public enum PartFormat {
    /** One data file and one marks file per column. */
    WIDE,
    /** All columns in one data file; for small inserts. */
    COMPACT
}
