package io.starling.coordinator.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code .connection} files of a project against the live deployment's (spec lifecycle §2.6, §2.7, §2.10):
 * new, changed (text differs) and deleted connection names. Deleting a connection needs
 * {@code --allow-destructive-operations}, and fails while a data source of the project still names it. Pure.
 */
public final class ProjectConnections {
    /** The diff, and the ERROR messages that make the deployment invalid. */
    public record Diff(List<String> added, List<String> changed, List<String> removed, List<String> errors) {
    }

    private ProjectConnections() {
    }

    /**
     * @param live       connection name → file text, as the live deployment has them
     * @param wanted     connection name → file text, as the project has them
     * @param referenced connection names the project's data sources and pipes use (KAFKA_CONNECTION_NAME, ...)
     */
    public static Diff diff(Map<String, String> live, Map<String, String> wanted, Set<String> referenced,
                            boolean allowDestructive) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(wanted).entrySet()) {
            String before = live.get(entry.getKey());
            if (before == null) {
                added.add(entry.getKey());
            } else if (!before.equals(entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        for (String name : new TreeMap<>(live).keySet()) {
            if (wanted.containsKey(name)) {
                continue;
            }
            removed.add(name);
            if (referenced.contains(name)) {
                errors.add("Error on connection '" + name + "': it is not in the project but a data source or pipe "
                        + "still uses it; remove that reference first, or add " + name + ".connection back");
            } else if (!allowDestructive) {
                errors.add("Error on connection '" + name + "': it is not in the project, and removing connections "
                        + "is an irreversible operation. Deploy with --allow-destructive-operations "
                        + "(allow_destructive_operations=true) to remove it, or add " + name + ".connection back");
            }
        }
        for (String name : referenced) {
            if (!wanted.containsKey(name) && !live.containsKey(name)) {
                errors.add("A data source or pipe uses connection '" + name + "', but the project has no "
                        + name + ".connection; add it");
            }
        }
        return new Diff(List.copyOf(added), List.copyOf(changed), List.copyOf(removed), List.copyOf(errors));
    }
}
