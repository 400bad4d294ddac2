package io.starling.coordinator.deploy;

import io.starling.protocol.catalog.StaticToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The resource-scoped tokens a project declares with {@code TOKEN <name> READ|APPEND} lines (spec lifecycle §2.11),
 * and how they differ from the workspace's static tokens. A token named in several files gets every scope they
 * give it: {@code READ} in a .datasource is {@code DATASOURCES:READ:<ds>}, {@code APPEND} is
 * {@code DATASOURCES:APPEND:<ds>}, {@code READ} in a .pipe is {@code PIPES:READ:<pipe>}. Only tokens a deployment
 * created (their description says so) are removed when the project stops declaring them; a token created by hand
 * with the same name is updated, never removed. Pure.
 */
public final class ProjectTokens {
    /** The description of tokens deployments manage. */
    public static final String MANAGED = "Resource-scoped token declared in the project's datafiles (managed by "
            + "deployments)";

    /** One TOKEN line: the file's kind ({@code datasource} or {@code pipe}) and resource, the token and its scope. */
    public record Grant(String kind, String resource, String token, String scope) {
    }

    /** New, changed and removed token names, and the tokens to put when the deployment is promoted. */
    public record Diff(List<String> added, List<String> changed, List<String> removed, List<StaticToken> staged) {
        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    private ProjectTokens() {
    }

    /**
     * Token name → sorted scopes. A scope the file's kind cannot grant (e.g. Classic's {@code CREATE}) is left out
     * and reported to {@code ignored}.
     */
    public static Map<String, Set<String>> wanted(Collection<Grant> grants, java.util.function.Consumer<String> ignored) {
        Map<String, Set<String>> wanted = new TreeMap<>();
        for (Grant grant : grants) {
            String scope = grant.scope().toUpperCase(Locale.ROOT);
            String full = switch (grant.kind() + ":" + scope) {
                case "datasource:READ" -> "DATASOURCES:READ:" + grant.resource();
                case "datasource:APPEND" -> "DATASOURCES:APPEND:" + grant.resource();
                case "pipe:READ" -> "PIPES:READ:" + grant.resource();
                default -> null;
            };
            if (full == null) {
                ignored.accept("TOKEN " + grant.token() + " " + grant.scope() + " in " + grant.resource() + "."
                        + grant.kind() + " is ignored: a ." + grant.kind() + " grants "
                        + (grant.kind().equals("pipe") ? "READ" : "READ or APPEND"));
                continue;
            }
            wanted.computeIfAbsent(grant.token(), none -> new TreeSet<>()).add(full);
        }
        return wanted;
    }

    public static Diff diff(Collection<StaticToken> existing, Map<String, Set<String>> wanted,
                            Supplier<String> newTokenValue, Supplier<String> newId, long nowMicros) {
        Map<String, StaticToken> byName = new TreeMap<>();
        existing.forEach(token -> byName.put(token.getName(), token));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<StaticToken> staged = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : wanted.entrySet()) {
            StaticToken current = byName.get(entry.getKey());
            if (current == null) {
                added.add(entry.getKey());
                staged.add(StaticToken.newBuilder().setId(newId.get()).setName(entry.getKey())
                        .setToken(newTokenValue.get()).addAllScopes(entry.getValue()).setDescription(MANAGED)
                        .setCreatedAtMicros(nowMicros).build());
            } else if (!new TreeSet<>(current.getScopesList()).equals(entry.getValue())) {
                changed.add(entry.getKey());
                staged.add(current.toBuilder().clearScopes().addAllScopes(entry.getValue()).build());
            }
        }
        for (StaticToken token : byName.values()) {
            if (MANAGED.equals(token.getDescription()) && !wanted.containsKey(token.getName())) {
                removed.add(token.getName());
            }
        }
        return new Diff(List.copyOf(added), List.copyOf(changed), List.copyOf(removed), List.copyOf(staged));
    }
}
