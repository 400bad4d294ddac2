package io.starling.node.pipe;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.protocol.catalog.PipeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipes of this node's catalog copy, parsed once per datafile version. Thread-safe; never blocks (reads the
 * local catalog copy).
 */
public final class PipeRegistry {
    private final CatalogView catalog;
    private final ConcurrentHashMap<String, LoadedPipe> parsed = new ConcurrentHashMap<>();

    public PipeRegistry(CatalogView catalog) {
        this.catalog = catalog;
    }

    public CatalogView catalog() {
        return catalog;
    }

    /** The pipe with this name or id. */
    public Optional<LoadedPipe> find(String nameOrId) {
        return catalog.pipe(nameOrId).map(this::load);
    }

    /** Every pipe, in creation order. */
    public List<LoadedPipe> all() {
        List<LoadedPipe> pipes = new ArrayList<>();
        for (PipeSpec spec : catalog.pipes()) {
            pipes.add(load(spec));
        }
        return pipes;
    }

    LoadedPipe load(PipeSpec spec) {
        LoadedPipe cached = parsed.get(spec.getId());
        if (cached != null && cached.spec().equals(spec)) {
            return cached;
        }
        LoadedPipe loaded = LoadedPipe.load(spec);
        parsed.put(spec.getId(), loaded);
        return loaded;
    }
}
