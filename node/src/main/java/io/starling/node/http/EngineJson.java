package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.engine.EngineSpec;

/**
 * The engine part of the datasource object as Tinybird shows it: {@code "engine": "ReplacingMergeTree"} plus the
 * engine's parameters ({@code engine_ver}, {@code engine_is_deleted}, {@code engine_sign}, {@code engine_version},
 * {@code engine_columns}) and {@code engine_ttl} when set.
 */
final class EngineJson {
    private EngineJson() {
    }

    static void put(ObjectNode engine, DataSourceSpec dataSource) {
        EngineSpec spec;
        try {
            spec = EngineSpec.parse(dataSource.getEngine());
        } catch (RuntimeException e) {
            engine.put("engine", dataSource.getEngine());
            return;
        }
        engine.put("engine", spec.kind().engineName());
        switch (spec.kind()) {
            case REPLACING -> {
                putIfSet(engine, "engine_ver", spec.versionColumn());
                putIfSet(engine, "engine_is_deleted", spec.isDeletedColumn());
            }
            case SUMMING -> {
                if (!spec.summingColumns().isEmpty()) {
                    engine.put("engine_columns", String.join(", ", spec.summingColumns()));
                }
            }
            case COLLAPSING -> putIfSet(engine, "engine_sign", spec.signColumn());
            case VERSIONED_COLLAPSING -> {
                putIfSet(engine, "engine_sign", spec.signColumn());
                putIfSet(engine, "engine_version", spec.versionColumn());
            }
            case MERGE_TREE, AGGREGATING, NULL -> {
            }
        }
        putIfSet(engine, "engine_ttl", dataSource.getEngineTtl());
    }

    private static void putIfSet(ObjectNode engine, String key, String value) {
        if (value != null && !value.isEmpty()) {
            engine.put(key, value);
        }
    }
}
