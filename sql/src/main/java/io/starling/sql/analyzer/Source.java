package io.starling.sql.analyzer;

import io.starling.sql.plan.PlanNode;

/** What a FROM clause resolved to: the plan that produces its rows and the scope naming its columns. */
record Source(PlanNode plan, Scope scope) {
}
