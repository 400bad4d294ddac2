package io.starling.sql.parser;

import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.UnionQuery;
import java.util.ArrayList;
import java.util.List;

/** Folds a chain of UNION parts left to right: {@code a UNION ALL b UNION DISTINCT c} is {@code (a UNION ALL b) UNION DISTINCT c}. */
final class SetOperations {
    private SetOperations() {
    }

    /** {@code children[0] modes[0] children[1] modes[1] ...}; consecutive equal modes share one node. */
    static QueryNode unions(List<QueryNode> children, List<String> modes) {
        QueryNode result = children.get(0);
        List<QueryNode> run = null;
        String runMode = null;
        for (int i = 0; i < modes.size(); i++) {
            String mode = modes.get(i);
            if (run != null && mode.equals(runMode)) {
                run.add(children.get(i + 1));
                continue;
            }
            if (run != null) {
                result = new UnionQuery(run, runMode);
            }
            run = new ArrayList<>(List.of(result, children.get(i + 1)));
            runMode = mode;
        }
        return run == null ? result : new UnionQuery(run, runMode);
    }
}
