package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.WorkspaceTokens;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live catalog of one workspace: data sources by name (creation order) and the workspace tokens.
 * Immutable; {@link #apply} answers a new state. {@code version} counts applied events, so it equals the
 * journal's sequence number of the last event.
 */
public final class CatalogState {
    public static final CatalogState EMPTY = new CatalogState(0, Map.of(), null);

    private final long version;
    private final Map<String, DataSourceSpec> dataSources;
    private final WorkspaceTokens tokens;

    private CatalogState(long version, Map<String, DataSourceSpec> dataSources, WorkspaceTokens tokens) {
        this.version = version;
        this.dataSources = dataSources;
        this.tokens = tokens;
    }

    public long version() {
        return version;
    }

    /** Data sources by name, in creation order. */
    public Map<String, DataSourceSpec> dataSources() {
        return dataSources;
    }

    public Optional<DataSourceSpec> dataSource(String name) {
        return Optional.ofNullable(dataSources.get(name));
    }

    /** The workspace tokens, or empty before they are initialized. */
    public Optional<WorkspaceTokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    public CatalogState apply(CatalogEvent event) {
        return switch (event.getEventCase()) {
            case DATA_SOURCE_CREATED -> {
                DataSourceSpec created = event.getDataSourceCreated().getDataSource();
                Map<String, DataSourceSpec> next = new LinkedHashMap<>(dataSources);
                next.put(created.getName(), created);
                yield new CatalogState(version + 1, Collections.unmodifiableMap(next), tokens);
            }
            case DATA_SOURCE_DROPPED -> {
                Map<String, DataSourceSpec> next = new LinkedHashMap<>(dataSources);
                next.remove(event.getDataSourceDropped().getName());
                yield new CatalogState(version + 1, Collections.unmodifiableMap(next), tokens);
            }
            case TOKENS_INITIALIZED -> new CatalogState(version + 1, dataSources, event.getTokensInitialized().getTokens());
            case EVENT_NOT_SET -> throw new IllegalStateException(
                    "Catalog event at version " + (version + 1) + " holds no event; the journal is corrupt");
        };
    }

    public CatalogSnapshot toSnapshot() {
        CatalogSnapshot.Builder builder = CatalogSnapshot.newBuilder().setVersion(version).addAllDataSources(dataSources.values());
        if (tokens != null) {
            builder.setTokens(tokens);
        }
        return builder.build();
    }
}
