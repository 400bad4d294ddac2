package io.starling.coordinator.deploy;

import java.util.Set;

/**
 * The API status strings of a deployment (spec lifecycle §2.2): {@code calculating → creating_schema → populating →
 * data_ready → live → deleted}, or {@code failed} (a failed deployment is discarded: its tables are dropped and live
 * stays as it was). Human names (Tinybird's CLI): In progress, Staging, Live, Failed, Deleted.
 */
public final class DeploymentStatus {
    public static final String CALCULATING = "calculating";
    public static final String CREATING_SCHEMA = "creating_schema";
    public static final String POPULATING = "populating";
    public static final String DATA_READY = "data_ready";
    public static final String LIVE = "live";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final String FAILED = "failed";

    /** Statuses of a deployment that occupies the workspace's single staging slot. */
    public static final Set<String> STAGING = Set.of(CALCULATING, CREATING_SCHEMA, POPULATING, DATA_READY, DELETING);
    /** Statuses a deployment never leaves (except live, which a later promotion moves to deleted). */
    public static final Set<String> TERMINAL = Set.of(DELETED, FAILED);

    private DeploymentStatus() {
    }

    public static boolean isStaging(String status) {
        return STAGING.contains(status);
    }

    /** Tinybird's human-facing status. */
    public static String human(String status) {
        return switch (status) {
            case LIVE -> "Live";
            case DATA_READY -> "Staging";
            case FAILED -> "Failed";
            case DELETING, DELETED -> "Deleted";
            default -> "In progress";
        };
    }
}
