package io.starling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Params;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The server a command talks to and how: host ({@code --host}, $TB_HOST, .tinyb, default), token
 * ({@code --token}, $TB_TOKEN, .tinyb, else the workspace admin token a local server hands out on
 * {@code GET /tokens}, as Tinybird Local does) and output format. Options are searched from the innermost
 * command outwards, so {@code starling --token T sql ...} and {@code starling sql --token T ...} both work.
 */
public final class Target {
    public static final String DEFAULT_HOST = "http://127.0.0.1:7181";

    private final CliContext context;
    private final String host;
    private final String explicitToken;
    private final OutputFormat output;
    private final TinybFile tinyb;
    private String token;
    private boolean tokenResolved;
    private ApiClient client;

    public Target(CliContext context, List<GlobalOptions> innermostFirst) {
        this.context = context;
        this.tinyb = TinybFile.find(context.workingDirectory());
        String hostOption = null;
        String tokenOption = null;
        OutputFormat outputOption = null;
        for (GlobalOptions options : innermostFirst) {
            hostOption = hostOption != null ? hostOption : options.host();
            tokenOption = tokenOption != null ? tokenOption : options.token();
            outputOption = outputOption != null ? outputOption : options.output();
        }
        String chosen = hostOption != null ? hostOption
                : context.env("TB_HOST") != null ? context.env("TB_HOST")
                : tinyb != null && tinyb.host() != null ? tinyb.host() : DEFAULT_HOST;
        this.host = normalize(chosen);
        this.explicitToken = tokenOption != null ? tokenOption : context.env("TB_TOKEN");
        this.output = outputOption == null ? OutputFormat.human : outputOption;
    }

    /** {@code localhost:7181} → {@code http://localhost:7181}; trailing slashes dropped. */
    public static String normalize(String host) {
        String trimmed = host.strip().replaceAll("/+$", "");
        return trimmed.contains("://") ? trimmed : "http://" + trimmed;
    }

    public String host() {
        return host;
    }

    public OutputFormat output() {
        return output;
    }

    public TinybFile tinyb() {
        return tinyb;
    }

    public CliContext context() {
        return context;
    }

    /** True for a server on this machine, where {@code GET /tokens} hands out the workspace admin token. */
    public boolean isLocal() {
        String name = URI.create(host).getHost();
        if (name == null) {
            return false;
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("::1") || name.equals("[::1]")
                || name.equals("0.0.0.0");
    }

    /** The token to send, or null when there is none. Fetches /tokens from a local server at most once. */
    public String token() {
        if (!tokenResolved) {
            tokenResolved = true;
            token = explicitToken;
            if (token == null && tinyb != null) {
                token = tinyb.tokenFor(host);
            }
            if (token == null && isLocal()) {
                token = localAdminToken();
            }
        }
        return token;
    }

    /** Where the token came from, for messages. */
    public String tokenSource() {
        token();
        if (explicitToken != null) {
            return "--token/$TB_TOKEN";
        }
        if (token != null && tinyb != null && token.equals(tinyb.tokenFor(host))) {
            return tinyb.path().toString();
        }
        return token == null ? "no token" : "the workspace admin token from " + host + "/tokens";
    }

    private String localAdminToken() {
        ApiClient anonymous = new ApiClient(host, () -> null);
        JsonNode tokens;
        try {
            tokens = anonymous.get("/tokens", new Params(), "the local tokens endpoint (GET /tokens)").json();
        } catch (CliException e) {
            if (e.exitCode() == 2) {
                throw e;
            }
            return null;
        }
        JsonNode admin = tokens.get("workspace_admin_token");
        return admin == null || admin.asText().isBlank() ? null : admin.asText();
    }

    public ApiClient api() {
        if (client == null) {
            client = new ApiClient(host, this::token);
        }
        return client;
    }
}
