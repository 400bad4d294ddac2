package io.starling.node.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a token belongs to and what it may do.
 *
 * @param name      the token's name (a JWT's {@code name} claim; the rate-limit key of JWTs)
 * @param id        the static token's id, or the name for workspace tokens and JWTs
 * @param grants    the scopes it holds
 * @param jwt       true for JWTs: they may only read endpoints and query data sources
 * @param rpsLimit  a JWT's {@code limits.rps}, 0 when unlimited
 */
public record Principal(String name, String id, List<Grant> grants, boolean jwt, int rpsLimit) {
    public Principal {
        grants = List.copyOf(grants);
    }

    public static Principal admin(String name) {
        return new Principal(name, name, List.of(Grant.of(Grant.ADMIN, null)), false, 0);
    }

    public boolean isAdmin() {
        return has(Grant.ADMIN);
    }

    private boolean has(String type) {
        for (Grant grant : grants) {
            if (grant.type().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private boolean covers(String type, String name, String id) {
        for (Grant grant : grants) {
            if (grant.covers(type, name, id)) {
                return true;
            }
        }
        return false;
    }

    public boolean canCreateDataSources() {
        return isAdmin() || has(Grant.DATASOURCES_CREATE);
    }

    public boolean canAppend(String name, String id) {
        return canCreateDataSources() || covers(Grant.DATASOURCES_APPEND, name, id);
    }

    /** Reading a data source (DATASOURCES:READ:x also reads x_quarantine: pass the owner's name and id). */
    public boolean canRead(String name, String id) {
        return isAdmin() || has(Grant.WORKSPACE_READ_ALL) || covers(Grant.DATASOURCES_READ, name, id);
    }

    /** Whether the token may list data sources at all (it then sees those it can read). */
    public boolean canListDataSources() {
        return isAdmin() || has(Grant.WORKSPACE_READ_ALL) || has(Grant.DATASOURCES_READ) || canCreateDataSources();
    }

    public boolean canDrop(String name, String id) {
        return isAdmin() || covers(Grant.DATASOURCES_DROP, name, id);
    }

    public boolean canManageTokens() {
        return isAdmin() || has(Grant.TOKENS);
    }

    public boolean canReadPipe(String name, String id) {
        return isAdmin() || has(Grant.WORKSPACE_READ_ALL) || covers(Grant.PIPES_READ, name, id);
    }

    /** The {@code tinybird.*} service data sources. */
    public boolean canReadServiceDataSources() {
        return isAdmin() || has(Grant.WORKSPACE_READ_ALL)
                || grants.stream().anyMatch(grant -> grant.type().equals(Grant.DATASOURCES_READ) && grant.resource() == null);
    }

    /** Any read at all (the Query API needs one). */
    public boolean canQuery() {
        return isAdmin() || has(Grant.WORKSPACE_READ_ALL) || has(Grant.DATASOURCES_READ) || has(Grant.PIPES_READ)
                || canCreateDataSources();
    }

    /**
     * A JWT's {@code fixed_params} for the pipe (merged over every {@code PIPES:READ} grant covering it); they
     * override the request's parameters of the same name. Empty for static tokens.
     */
    public Map<String, String> fixedParams(String name, String id) {
        if (!jwt) {
            return Map.of();
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        for (Grant grant : grants) {
            if (grant.covers(Grant.PIPES_READ, name, id)) {
                fixed.putAll(grant.fixedParams());
            }
        }
        return fixed;
    }

    /** A JWT's row filter for the data source, if its read grant has one. */
    public Optional<String> rowFilter(String name, String id) {
        if (!jwt) {
            return Optional.empty();
        }
        for (Grant grant : grants) {
            if (grant.covers(Grant.DATASOURCES_READ, name, id) && grant.filter() != null) {
                return Optional.of(grant.filter());
            }
        }
        return Optional.empty();
    }
}
