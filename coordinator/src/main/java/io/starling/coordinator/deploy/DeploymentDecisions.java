package io.starling.coordinator.deploy;

import io.starling.coordinator.catalog.CatalogDecision;
import io.starling.coordinator.catalog.CatalogState;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.DeploymentPromoted;
import io.starling.protocol.catalog.DeploymentPut;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.storage.error.ErrorCode;

/**
 * The catalog's decisions on deployment commands (pure; tested without actors). One workspace has one live and at
 * most one staging deployment: a new deployment is refused while another is in a staging status. Live and deleted
 * records keep their status (only a promotion moves live to deleted); failed ones may only become deleted.
 */
public final class DeploymentDecisions {
    private DeploymentDecisions() {
    }

    public static CatalogDecision put(CatalogState state, DeploymentRecord record) {
        if (record.getId() <= 0) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "A deployment id must be positive");
        }
        DeploymentRecord existing = state.deployments().get(record.getId());
        if (existing == null) {
            long newest = state.deployments().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            if (record.getId() <= newest) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Deployment ids only grow: " + record.getId()
                        + " is not above " + newest + "; create the deployment again");
            }
            for (DeploymentRecord other : state.deployments().values()) {
                if (DeploymentStatus.isStaging(other.getStatus())) {
                    return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Deployment " + other.getId() + " is "
                            + other.getStatus() + "; a workspace has at most one staging deployment. Promote it "
                            + "(POST /v1/deployments/" + other.getId() + "/set-live) or discard it (DELETE "
                            + "/v1/deployments/" + other.getId() + ") first");
                }
            }
            if (record.getStatus().equals(DeploymentStatus.LIVE)) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "A deployment becomes live by promotion only");
            }
        } else {
            if (existing.equals(record)) {
                return new CatalogDecision.Unchanged();
            }
            String from = existing.getStatus();
            String to = record.getStatus();
            boolean allowed = from.equals(to) ? !from.equals(DeploymentStatus.DELETED)
                    : DeploymentStatus.isStaging(from) ? !to.equals(DeploymentStatus.LIVE)
                    : from.equals(DeploymentStatus.FAILED) && to.equals(DeploymentStatus.DELETED);
            if (!allowed) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Deployment " + record.getId() + " is " + from
                        + " and cannot become " + to);
            }
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setDeploymentPut(DeploymentPut.newBuilder().setDeployment(record)).build());
    }

    public static CatalogDecision promote(CatalogState state, long id, long atMicros) {
        DeploymentRecord record = state.deployments().get(id);
        if (record == null) {
            return new CatalogDecision.Reject(ErrorCode.UNKNOWN_TABLE, "Deployment " + id
                    + " does not exist; GET /v1/deployments lists them");
        }
        if (record.getStatus().equals(DeploymentStatus.LIVE)) {
            return new CatalogDecision.Unchanged();
        }
        if (!record.getStatus().equals(DeploymentStatus.DATA_READY)) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Deployment " + id + " is " + record.getStatus()
                    + ", not data_ready; only a deployment whose data is ready can be promoted"
                    + (DeploymentStatus.isStaging(record.getStatus()) ? " (wait for it: GET /v1/deployments/" + id + ")"
                    : ""));
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder().setDeploymentPromoted(
                DeploymentPromoted.newBuilder().setId(id).setPromotedAtMicros(atMicros)).build());
    }
}
