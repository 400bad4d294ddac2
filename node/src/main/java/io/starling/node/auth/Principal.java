package io.starling.node.auth;

import java.util.Set;

/**
 * Who a token belongs to and what it may do. The three workspace tokens hold every scope; resource-scoped
 * static tokens and JWTs will narrow this later (e.g. APPEND on one data source).
 */
public record Principal(String name, Set<Scope> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean allows(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }
}
