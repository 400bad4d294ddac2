package io.starling.node.deploy;

/**
 * Test hooks of the deployment machinery (like storage's FaultPoints: off by default, one volatile read). A test
 * installs a hook to pause or fail a backfill at a known point instead of sleeping.
 */
public final class DeploymentHooks {
    /** Called before each backfill task (one live partition of one data source); may block or throw. */
    @FunctionalInterface
    public interface BeforePartition {
        void run(long deploymentId, String dataSource, String partitionId);
    }

    private static volatile BeforePartition beforePartition;

    private DeploymentHooks() {
    }

    public static void beforePartition(BeforePartition hook) {
        beforePartition = hook;
    }

    public static void clear() {
        beforePartition = null;
    }

    /**
     * System property for out-of-process tests (a child JVM a test kills mid-backfill): milliseconds to wait before
     * each backfill task. Zero (the default) waits nothing.
     */
    public static final String PARTITION_DELAY_PROPERTY = "starling.deploy.testPartitionDelayMillis";

    static void firePartition(long deploymentId, String dataSource, String partitionId) {
        long delay = Long.getLong(PARTITION_DELAY_PROPERTY, 0);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        BeforePartition hook = beforePartition;
        if (hook != null) {
            hook.run(deploymentId, dataSource, partitionId);
        }
    }
}
