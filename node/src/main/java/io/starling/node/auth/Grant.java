package io.starling.node.auth;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scope a token holds, as Tinybird writes it: {@code ADMIN}, {@code TOKENS}, {@code DATASOURCES:CREATE},
 * {@code DATASOURCES:APPEND:<ds>}, {@code DATASOURCES:READ[:<ds>]}, {@code DATASOURCES:DROP[:<ds>]},
 * {@code PIPES:READ[:<pipe>]}, {@code PIPES:CREATE}, {@code WORKSPACE:READ_ALL}.
 *
 * @param type        the scope without its resource, e.g. {@code DATASOURCES:READ}
 * @param resource    data source or pipe name or id, or null for an unscoped grant
 * @param fixedParams JWT {@code PIPES:READ} parameters that override the request's
 * @param filter      JWT {@code DATASOURCES:READ} row filter (SQL boolean expression), or null
 */
public record Grant(String type, String resource, Map<String, String> fixedParams, String filter) {
    public static final String ADMIN = "ADMIN";
    public static final String TOKENS = "TOKENS";
    public static final String DATASOURCES_CREATE = "DATASOURCES:CREATE";
    public static final String DATASOURCES_APPEND = "DATASOURCES:APPEND";
    public static final String DATASOURCES_READ = "DATASOURCES:READ";
    public static final String DATASOURCES_DROP = "DATASOURCES:DROP";
    public static final String PIPES_READ = "PIPES:READ";
    public static final String PIPES_CREATE = "PIPES:CREATE";
    public static final String WORKSPACE_READ_ALL = "WORKSPACE:READ_ALL";
    public static final String ORG_DATASOURCES_READ = "ORG_DATASOURCES:READ";

    /** Scope types, and whether they take a resource (true: required, null: optional, false: never). */
    private static final Map<String, Boolean> TYPES = Map.of(
            ADMIN, false, TOKENS, false, DATASOURCES_CREATE, false, DATASOURCES_APPEND, true,
            DATASOURCES_READ, Boolean.TRUE, DATASOURCES_DROP, Boolean.TRUE, PIPES_READ, Boolean.TRUE,
            PIPES_CREATE, false, WORKSPACE_READ_ALL, false, ORG_DATASOURCES_READ, false);
    private static final List<String> OPTIONAL_RESOURCE = List.of(DATASOURCES_READ, DATASOURCES_DROP, PIPES_READ);

    public Grant {
        fixedParams = fixedParams == null ? Map.of() : Map.copyOf(fixedParams);
        resource = resource == null || resource.isBlank() ? null : resource;
        filter = filter == null || filter.isBlank() ? null : filter;
    }

    public static Grant of(String type, String resource) {
        return new Grant(type, resource, Map.of(), null);
    }

    /** Parses {@code TYPE[:resource]}; fails with 400 naming the accepted scopes. */
    public static Grant parse(String scope) {
        String text = scope == null ? "" : scope.strip();
        String upper = text.toUpperCase(Locale.ROOT);
        // The docs also write DATASOURCE:APPEND and PIPE:READ.
        if (upper.startsWith("DATASOURCE:")) {
            text = "DATASOURCES:" + text.substring("DATASOURCE:".length());
        } else if (upper.startsWith("PIPE:")) {
            text = "PIPES:" + text.substring("PIPE:".length());
        }
        String[] pieces = text.split(":", 3);
        String type = pieces.length >= 2 ? (pieces[0] + ":" + pieces[1]).toUpperCase(Locale.ROOT)
                : pieces[0].toUpperCase(Locale.ROOT);
        String resource = pieces.length == 3 ? pieces[2] : null;
        if (pieces.length == 2 && !TYPES.containsKey(type) && TYPES.containsKey(pieces[0].toUpperCase(Locale.ROOT))) {
            type = pieces[0].toUpperCase(Locale.ROOT);
            resource = pieces[1];
        }
        Boolean needsResource = TYPES.get(type);
        if (needsResource == null) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Unknown scope [" + scope + "]. Use one of ADMIN, "
                    + "TOKENS, DATASOURCES:CREATE, DATASOURCES:APPEND:<datasource>, DATASOURCES:READ[:<datasource>], "
                    + "DATASOURCES:DROP[:<datasource>], PIPES:READ[:<pipe>], PIPES:CREATE, WORKSPACE:READ_ALL");
        }
        if (needsResource && !OPTIONAL_RESOURCE.contains(type) && (resource == null || resource.isBlank())) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Scope [" + scope + "] needs a resource, e.g. "
                    + type + ":events");
        }
        if (!needsResource && resource != null) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Scope [" + type + "] takes no resource; got ["
                    + scope + "]");
        }
        return of(type, resource);
    }

    /** The scope string: {@code TYPE} or {@code TYPE:resource}. */
    public String text() {
        return resource == null ? type : type + ":" + resource;
    }

    /** True when this grant is {@code type} for {@code name} or {@code id} (or unscoped). */
    boolean covers(String wantedType, String name, String id) {
        return type.equals(wantedType) && (resource == null || resource.equals(name) || resource.equals(id));
    }
}
