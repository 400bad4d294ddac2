package io.starling.datafiles.template;

/**
 * SQL text the engine itself produced and validated (quoted identifiers from {@code column()}, filters from
 * {@code sql_and()}); written to the output verbatim. Never built from unchecked request input.
 */
record SqlFragment(String sql) {
    static final SqlFragment EMPTY = new SqlFragment("");
}
