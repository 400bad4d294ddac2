package io.starling.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.auth.Principal;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.service.ServiceLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * {@code DELETE /v0/datasources/{name}}: refuses to drop a data source that feeds a materialized pipe, asks for
 * {@code force=true} when other pipes use it, answers {@code dry_run=true} with what a drop would affect.
 */
final class DataSourceDrops {
    private final CatalogView catalog;
    private final DataSourceService dataSources;
    private final ServiceLog serviceLog;

    DataSourceDrops(CatalogView catalog, DataSourceService dataSources, ServiceLog serviceLog) {
        this.catalog = catalog;
        this.dataSources = dataSources;
        this.serviceLog = serviceLog;
    }

    /**
     * {@code DELETE /v0/datasources/{name}?dry_run=true}: the drop's checks (the data source exists, the token may
     * drop it) without dropping, answering what a drop would affect: {@code affected_materializations} (materialized
     * pipes it feeds or that write into it), {@code dependent_pipes} (the other pipes that read it or copy into it),
     * {@code used_by} (all of them, as {@code {"id", "name"}}) and whether the drop would go ahead, without and with
     * {@code force=true}.
     */
    CompletionStage<HttpResponse> dryRun(Principal principal, String name) {
        return dataSources.require(name).thenApply(dataSource -> {
            ApiProblem.require(principal.canDrop(dataSource.getName(), dataSource.getId()),
                    "It needs DATASOURCES:DROP:" + dataSource.getName() + " or ADMIN.");
            DataSourceDependencies dependencies = DataSourceDependencies.of(dataSource, catalog.current().getPipesList());
            ObjectNode json = Json.object();
            json.put("dry_run", true);
            json.putObject("datasource").put("id", dataSource.getId()).put("name", dataSource.getName());
            putDependencies(json, dependencies);
            json.put("can_be_dropped", dependencies.isEmpty());
            json.put("can_be_dropped_with_force", dependencies.triggers().isEmpty());
            return Json.ok(json);
        });
    }

    private static void putDependencies(ObjectNode json, DataSourceDependencies dependencies) {
        ArrayNode materializations = json.putArray("affected_materializations");
        java.util.Set<String> listed = new java.util.LinkedHashSet<>();
        for (var pipe : dependencies.triggers()) {
            if (listed.add(pipe.getName())) {
                materializations.add(pipe.getName());
            }
        }
        for (var pipe : dependencies.materializations()) {
            if (listed.add(pipe.getName())) {
                materializations.add(pipe.getName());
            }
        }
        ArrayNode pipes = json.putArray("dependent_pipes");
        for (var pipe : dependencies.copies()) {
            if (listed.add(pipe.getName())) {
                pipes.add(pipe.getName());
            }
        }
        for (var pipe : dependencies.otherPipes()) {
            if (listed.add(pipe.getName())) {
                pipes.add(pipe.getName());
            }
        }
        ArrayNode usedBy = json.putArray("used_by");
        for (var pipe : dependencies.all()) {
            usedBy.addObject().put("id", pipe.getId()).put("name", pipe.getName());
        }
    }

    /**
     * {@code DELETE /v0/datasources/{name}[?force=true]} (spec data-plane §1.2.3). A data source that feeds a
     * materialized pipe (its trigger) is never dropped: 409 naming the pipes, drop them first. One that other pipes
     * use (materialized pipes writing into it, copy pipes, pipes reading it) is dropped only with {@code force=true},
     * else 409 listing them; with force the materialized pipes that write into it are dropped with it (they could not
     * run, and would fail every append to their own source), and the other pipes stay and fail until changed.
     */
    CompletionStage<HttpResponse> drop(Principal principal, String name, boolean force) {
        return dataSources.require(name).thenCompose(dataSource -> {
            ApiProblem.require(principal.canDrop(dataSource.getName(), dataSource.getId()),
                    "It needs DATASOURCES:DROP:" + dataSource.getName() + " or ADMIN.");
            DataSourceDependencies dependencies = DataSourceDependencies.of(dataSource, catalog.current().getPipesList());
            if (!dependencies.triggers().isEmpty()) {
                List<String> triggers = DataSourceDependencies.names(dependencies.triggers());
                return CompletableFuture.completedFuture(conflict(dependencies, "Data source [" + dataSource.getName()
                        + "] is the source of materialized pipe" + (triggers.size() == 1 ? " " : "s ") + triggers
                        + ": its appends feed " + (triggers.size() == 1 ? "it" : "them") + ", so it cannot be dropped,"
                        + " not even with force=true. Drop the pipe" + (triggers.size() == 1 ? "" : "s")
                        + " first (DELETE /v0/pipes/" + triggers.getFirst() + ")"));
            }
            if (!dependencies.isEmpty() && !force) {
                return CompletableFuture.completedFuture(conflict(dependencies, "Data source [" + dataSource.getName()
                        + "] is used by pipes " + DataSourceDependencies.names(dependencies.all()) + ". Pass force=true "
                        + "to drop it anyway (materialized pipes writing into it are dropped with it, the other pipes "
                        + "fail until changed), or dry_run=true to see what a drop affects"));
            }
            CompletionStage<?> dependents = CompletableFuture.completedFuture(null);
            for (var view : dependencies.materializations()) {
                dependents = dependents.thenCompose(ignored -> catalog.dropPipe(view.getName()));
            }
            return dependents.thenCompose(ignored -> dataSources.drop(name)).thenApply(dropped -> {
                if (serviceLog != null) {
                    Map<String, String> options = dependencies.materializations().isEmpty() ? Map.of()
                            : Map.of("dropped_pipes", String.join(",",
                                    DataSourceDependencies.names(dependencies.materializations())));
                    serviceLog.operation("delete", dropped.getId(), dropped.getName(), null, 0, null, null,
                            Ulid.next(), null, null, options);
                }
                return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
            });
        });
    }

    /** 409 with the message and the dependent pipes (as dry_run lists them). */
    private static HttpResponse conflict(DataSourceDependencies dependencies, String message) {
        ObjectNode json = Json.object();
        json.put("error", message);
        putDependencies(json, dependencies);
        return Json.response(StatusCodes.CONFLICT, json);
    }
}
