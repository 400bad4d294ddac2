package io.starling.node.auth;

/** What a request needs to be allowed to do (Tinybird's token scopes, coarse for now). */
public enum Scope {
    /** Read data sources and pipes, run queries. */
    READ,
    /** Append rows to a data source. */
    APPEND,
    /** Create, alter, truncate and drop data sources. */
    CREATE,
    /** Everything in the workspace, including tokens. */
    ADMIN
}
