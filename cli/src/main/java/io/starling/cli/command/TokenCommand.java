package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starling token ls|create static}: the Tokens API ({@code /v0/tokens}). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "List and create tokens.",
        subcommands = {TokenCommand.Ls.class, TokenCommand.Create.class})
public final class TokenCommand extends ApiCommand.Group {
    static final String API = "the Tokens API (/v0/tokens)";

    static String scopes(JsonNode token) {
        List<String> scopes = new ArrayList<>();
        for (JsonNode scope : token.path("scopes")) {
            if (scope.isTextual()) {
                scopes.add(scope.asText());
            } else {
                String resource = scope.path("resource").asText("");
                scopes.add(scope.path("type").asText() + (resource.isEmpty() ? "" : ":" + resource));
            }
        }
        return String.join(", ", scopes);
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List tokens.")
    public static final class Ls extends ApiCommand {
        @Option(names = "--match", description = "Only names matching this regular expression.")
        String match;

        @Override
        protected int run() {
            JsonNode json = api().get("/v0/tokens", new Params(), API).json();
            Pattern pattern = match == null ? null : Pattern.compile(match);
            Table table = new Table("name", "scopes", "token");
            for (JsonNode token : json.path("tokens")) {
                String name = token.path("name").asText();
                if (pattern == null || pattern.matcher(name).find()) {
                    table.row(name, scopes(token), token.path("token").asText());
                }
            }
            Output.print(out(), output(), json, table);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create tokens.",
            subcommands = {Static.class, Jwt.class})
    public static final class Create extends ApiCommand.Group {
    }

    @Command(name = "static", mixinStandardHelpOptions = true,
            description = "Create (or update, by name) a static token with scopes such as DATASOURCES:APPEND:events.")
    public static final class Static extends ApiCommand {
        @Parameters(index = "0", description = "Token name.")
        String name;

        @Option(names = "--scope", required = true, description = "A scope (repeatable): ADMIN, TOKENS, "
                + "DATASOURCES:READ:<ds>, DATASOURCES:APPEND:<ds>, PIPES:READ:<pipe>, WORKSPACE:READ_ALL...")
        List<String> scopes;

        @Override
        protected int run() {
            Params params = new Params().add("name", name);
            for (String scope : scopes) {
                if (scope.isBlank()) {
                    throw new CliException(2, "--scope needs a value such as DATASOURCES:READ:events");
                }
                params.add("scope", scope);
            }
            JsonNode token = api().postBody("/v0/tokens", params, "", "text/plain", API).json();
            if (output() == io.starling.cli.OutputFormat.json) {
                out().println(Output.pretty(token));
                return 0;
            }
            out().println("✓ Token '" + name + "' created");
            if (token.hasNonNull("token")) {
                out().println(token.get("token").asText());
            }
            return 0;
        }
    }

    @Command(name = "jwt", mixinStandardHelpOptions = true,
            description = "Sign a JWT with the workspace admin token (the --token in use), locally.")
    public static final class Jwt extends ApiCommand {
        @Parameters(index = "0", description = "Token name (its rate-limit key and token_name in pipe_stats_rt).")
        String name;

        @Option(names = "--ttl", required = true, description = "Lifetime: 30min, 1h, 1d...")
        String ttl;

        @Option(names = "--scope", required = true, description = "PIPES:READ or DATASOURCES:READ (repeatable).")
        List<String> scopes;

        @Option(names = "--resource", required = true, description = "Pipe or data source of the scope (one per --scope).")
        List<String> resources;

        @Option(names = "--fixed-params", description = "k=v,k2=v2 forced on PIPES:READ calls.")
        String fixedParams;

        @Option(names = "--filter", description = "SQL condition applied to DATASOURCES:READ reads.")
        String filter;

        @Option(names = "--limit-rps", description = "Requests per second allowed for this token name.")
        Integer rps;

        @Option(names = "--workspace-id", description = "Workspace id (default: the .tinyb id, else asked to the server).")
        String workspaceId;

        @Override
        protected int run() {
            String key = target().token();
            if (key == null) {
                throw new CliException("A JWT is signed with the workspace admin token; pass it with --token or TB_TOKEN.");
            }
            long expiresAt = java.time.Instant.now().plus(JwtTokens.ttl(ttl)).getEpochSecond();
            var payload = JwtTokens.payload(workspaceId(), name, expiresAt, scopes, resources, fixedParams, filter, rps);
            out().println(JwtTokens.sign(payload, key));
            return 0;
        }

        private String workspaceId() {
            if (workspaceId != null) {
                return workspaceId;
            }
            if (target().tinyb() != null && target().tinyb().id() != null) {
                return target().tinyb().id();
            }
            JsonNode answer = api().get("/v1/user/workspaces", new Params().add("with_organization", "true"),
                    "listing workspaces (GET /v1/user/workspaces); pass --workspace-id").json();
            for (JsonNode workspace : answer.path("workspaces")) {
                if (workspace.hasNonNull("id")) {
                    return workspace.get("id").asText();
                }
            }
            throw new CliException("The server did not say which workspace this is; pass --workspace-id.");
        }
    }
}
