package io.starling.node.deploy;

import io.starling.coordinator.catalog.CatalogView;
import io.starling.coordinator.deploy.StagingCatalog;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Serves requests addressed to the staging deployment ({@code __tb__deployment=<id>} reads,
 * {@code __tb__min_deployment=<id>} Events API writes; spec lifecycle §2.1, §2.4): a read-only {@link CatalogView}
 * over {@link StagingCatalog#view}, handed to a factory that builds the same API objects the live catalog has
 * (endpoints, Query API, Events API), built once per deployment status and live catalog version.
 *
 * @param <T> what the factory builds over a staging catalog view (the node's routes)
 */
public final class StagingViews<T> {
    private record Built<T>(long deploymentId, long updatedAtMicros, long liveVersion, T value) {
    }

    private final CatalogView live;
    private final Function<CatalogView, T> factory;
    private final AtomicReference<Built<T>> cache = new AtomicReference<>();

    public StagingViews(CatalogView live, Function<CatalogView, T> factory) {
        this.live = live;
        this.factory = factory;
    }

    /** What a request naming deployment {@code id} resolves to (live, this staging deployment, or missing). */
    public StagingCatalog.Target resolve(long id) {
        return StagingCatalog.resolve(live.current(), id);
    }

    /** The factory's objects over {@code staging}'s view of the catalog. */
    public T over(DeploymentRecord staging) {
        CatalogSnapshot current = live.current();
        Built<T> built = cache.get();
        if (built != null && built.deploymentId() == staging.getId()
                && built.updatedAtMicros() == staging.getUpdatedAtMicros() && built.liveVersion() == current.getVersion()) {
            return built.value();
        }
        CatalogView view = readOnly(StagingCatalog.view(current, staging), staging.getId());
        T value = factory.apply(view);
        cache.set(new Built<>(staging.getId(), staging.getUpdatedAtMicros(), current.getVersion(), value));
        return value;
    }

    /** A catalog copy that holds {@code snapshot} and refuses every command (staging resources change by deploying). */
    static CatalogView readOnly(CatalogSnapshot snapshot, long deploymentId) {
        CatalogView view = new CatalogView(command -> CompletableFuture.failedFuture(new StarlingException(
                ErrorCode.UNKNOWN_TABLE, "Not found in staging deployment " + deploymentId + " (its resources change "
                + "only by deploying; GET /v1/deployments/" + deploymentId + " shows what it stages)")));
        view.offer(snapshot);
        return view;
    }
}
