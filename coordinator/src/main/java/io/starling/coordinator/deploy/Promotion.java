package io.starling.coordinator.deploy;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.protocol.catalog.PipeSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@code DeploymentPromoted} event does to the catalog, as pure functions (the catalog state applies all
 * three in one event, so readers see the old or the new resources, never a mix): deleted data sources and pipes go,
 * staged ones replace the live ones of the same name (a changed data source keeps its name and gets its staging
 * table id) or are added; the promoted deployment becomes live and the previous live one deleted.
 */
public final class Promotion {
    private Promotion() {
    }

    public static Map<String, DataSourceSpec> dataSources(Map<String, DataSourceSpec> live, DeploymentRecord promoted) {
        Map<String, DataSourceSpec> next = new LinkedHashMap<>(live);
        promoted.getDeletedDatasourceNamesList().forEach(next::remove);
        for (DataSourceSpec staged : promoted.getStagedDataSourcesList()) {
            next.put(staged.getName(), staged);
        }
        return Collections.unmodifiableMap(next);
    }

    public static Map<String, PipeSpec> pipes(Map<String, PipeSpec> live, DeploymentRecord promoted) {
        Map<String, PipeSpec> next = new LinkedHashMap<>(live);
        promoted.getDeletedPipeNamesList().forEach(next::remove);
        for (PipeSpec staged : promoted.getStagedPipesList()) {
            next.put(staged.getName(), staged);
        }
        return Collections.unmodifiableMap(next);
    }

    public static Map<Long, DeploymentRecord> deployments(Map<Long, DeploymentRecord> all, DeploymentRecord promoted,
                                                          long atMicros) {
        TreeMap<Long, DeploymentRecord> next = new TreeMap<>(all);
        for (DeploymentRecord record : all.values()) {
            if (record.getStatus().equals(DeploymentStatus.LIVE) && record.getId() != promoted.getId()) {
                next.put(record.getId(), record.toBuilder().setStatus(DeploymentStatus.DELETED)
                        .setUpdatedAtMicros(atMicros).build());
            }
        }
        next.put(promoted.getId(), promoted.toBuilder().setStatus(DeploymentStatus.LIVE).setUpdatedAtMicros(atMicros)
                .build());
        return Collections.unmodifiableMap(next);
    }
}
