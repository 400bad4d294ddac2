package io.starling.coordinator.deploy;

import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.protocol.catalog.PipeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as a staging deployment sees it (spec lifecycle §2.1, §2.4): the live catalog with the deployment's
 * promotion applied ({@link Promotion}), so its changed data sources read and write their staging tables, its
 * unchanged ones are shared with live, and its pipes are the project's. Pure.
 */
public final class StagingCatalog {
    /** How a request's {@code __tb__deployment} / {@code __tb__min_deployment} id resolves. */
    public sealed interface Target {
        /** The id is the live deployment or an older one: serve live. */
        record Live() implements Target {
        }

        /** The id is the staging deployment: serve this record's view. */
        record Staging(DeploymentRecord deployment) implements Target {
        }

        /** No deployment with this id can serve (unknown, newer than every one, failed or discarded). */
        record Missing(String message) implements Target {
        }
    }

    private StagingCatalog() {
    }

    /** Resolves a deployment id of a request against the catalog's deployments. */
    public static Target resolve(CatalogSnapshot catalog, long id) {
        long live = 0;
        DeploymentRecord found = null;
        for (DeploymentRecord record : catalog.getDeploymentsList()) {
            if (record.getStatus().equals(DeploymentStatus.LIVE)) {
                live = record.getId();
            }
            if (record.getId() == id) {
                found = record;
            }
        }
        if (id <= live) {
            return new Target.Live();
        }
        if (found == null) {
            return new Target.Missing("Deployment " + id + " does not exist; GET /v1/deployments lists them");
        }
        if (!DeploymentStatus.isStaging(found.getStatus()) || found.getStatus().equals(DeploymentStatus.DELETING)) {
            return new Target.Missing("Deployment " + id + " is " + found.getStatus() + ", not staging; use the live "
                    + "deployment (drop __tb__deployment) or create a new deployment");
        }
        return new Target.Staging(found);
    }

    /** The live snapshot with {@code staging}'s data sources and pipes in place of the live ones. */
    public static CatalogSnapshot view(CatalogSnapshot live, DeploymentRecord staging) {
        Map<String, DataSourceSpec> dataSources = new LinkedHashMap<>();
        live.getDataSourcesList().forEach(spec -> dataSources.put(spec.getName(), spec));
        Map<String, PipeSpec> pipes = new LinkedHashMap<>();
        live.getPipesList().forEach(spec -> pipes.put(spec.getName(), spec));
        return live.toBuilder()
                .clearDataSources().addAllDataSources(Promotion.dataSources(dataSources, staging).values())
                .clearPipes().addAllPipes(Promotion.pipes(pipes, staging).values())
                .build();
    }

    /** The staged (or shared live) data source named {@code name} in {@code staging}'s view. */
    public static Optional<DataSourceSpec> dataSource(CatalogSnapshot live, DeploymentRecord staging, String name) {
        return view(live, staging).getDataSourcesList().stream().filter(spec -> spec.getName().equals(name))
                .findFirst();
    }
}
