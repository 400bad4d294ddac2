package io.starling.cli;

import picocli.CommandLine.Option;

/**
 * {@code --host}, {@code --token} and {@code --output}, accepted by every command and before the command
 * ({@code starling --host URL datasource ls}). Unset values are null; {@link Target} resolves the defaults.
 */
public final class GlobalOptions {
    @Option(names = "--host", description = "Server URL (default: $TB_HOST, the .tinyb host, else http://127.0.0.1:7181).")
    String host;

    @Option(names = "--token", description = "Auth token (default: $TB_TOKEN, the .tinyb token, else the local "
            + "server's workspace admin token from GET /tokens).")
    String token;

    @Option(names = "--output", description = "Output: human, json or csv (default: human).")
    OutputFormat output;

    public String host() {
        return host;
    }

    public String token() {
        return token;
    }

    public OutputFormat output() {
        return output;
    }
}
