package io.starling.storage.ttl;

import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what TTL does to a table's parts at an instant: a pure function. A part whose rows have all expired is
 * dropped whole, without rewriting (so a partition whose latest expiry has passed disappears part by part, with
 * no new part written). A part with only some rows expired is rewritten without them, unless
 * {@code ttl_only_drop_parts} is set.
 */
public final class TtlPlanner {
    /** What to do: parts to drop, parts to rewrite (each into a part without its expired rows). */
    public record Plan(List<PartName> drop, List<PartName> rewrite) {
        public Plan {
            drop = List.copyOf(drop);
            rewrite = List.copyOf(rewrite);
        }

        public boolean isEmpty() {
            return drop.isEmpty() && rewrite.isEmpty();
        }
    }

    private TtlPlanner() {
    }

    public static Plan plan(List<PartTtl> parts, long now, boolean onlyDropParts) {
        List<PartName> drop = new ArrayList<>();
        List<PartName> rewrite = new ArrayList<>();
        for (PartTtl part : parts) {
            if (part.fullyExpired(now)) {
                drop.add(part.name());
            } else if (part.partlyExpired(now) && !onlyDropParts) {
                rewrite.add(part.name());
            }
        }
        return new Plan(drop, rewrite);
    }
}
