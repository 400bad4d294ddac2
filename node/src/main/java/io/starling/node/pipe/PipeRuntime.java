package io.starling.node.pipe;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.node.http.Jobs;
import io.starling.node.ingest.DataSourceService;
import io.starling.node.ingest.IngestService;
import io.starling.node.ingest.TableRewriter;
import io.starling.node.shard.Replicas;
import io.starling.sql.QueryEngine;
import io.starling.sql.catalog.TableProvider;
import java.time.Clock;

/**
 * The pipe machinery of a node, wired once: parsed pipes, endpoints, materialized views (installed as the ingest
 * hook), copies and their scheduler, and project builds.
 */
public final class PipeRuntime {
    private final PipeRegistry pipes;
    private final Endpoints endpoints;
    private final MaterializedViews views;
    private final CopyPipes copies;
    private final CopyScheduler scheduler;
    private final ProjectBuild build;

    public PipeRuntime(CatalogView catalog, QueryEngine engine, TableProvider tables, Replicas replicas,
                       DataSourceService dataSources, IngestService ingest, Jobs jobs, Clock clock) {
        this.pipes = new PipeRegistry(catalog);
        this.endpoints = new Endpoints(pipes, engine);
        this.views = new MaterializedViews(pipes, engine, tables, replicas);
        this.copies = new CopyPipes(pipes, engine, tables, views, dataSources, new TableRewriter(engine, replicas), jobs,
                clock);
        this.scheduler = new CopyScheduler(pipes, copies, clock);
        this.build = new ProjectBuild(pipes, engine, tables, views, dataSources, ingest, replicas, clock);
        ingest.setInsertHook(views);
    }

    public PipeRegistry pipes() {
        return pipes;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public MaterializedViews views() {
        return views;
    }

    public CopyPipes copies() {
        return copies;
    }

    public CopyScheduler scheduler() {
        return scheduler;
    }

    public ProjectBuild build() {
        return build;
    }
}
