package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code starling pipe ls}: the pipes of the workspace ({@code GET /v0/pipes}). */
@Command(name = "pipe", mixinStandardHelpOptions = true, description = "List pipes.",
        subcommands = {PipeCommand.Ls.class})
public final class PipeCommand extends ApiCommand.Group {
    static final String API = "the Pipes API (GET /v0/pipes)";

    /** {@code GET /v0/pipes}. */
    static JsonNode list(ApiClient api) {
        return api.get("/v0/pipes", new Params(), API).json();
    }

    /** endpoint, materialized, copy, sink, or default (generic). */
    static String typeOf(JsonNode pipe) {
        String type = pipe.path("type").asText("");
        if (type.isEmpty() || type.equals("null")) {
            type = pipe.hasNonNull("endpoint") && !pipe.get("endpoint").asText().isEmpty() ? "endpoint" : "default";
        }
        return type.toLowerCase(Locale.ROOT);
    }

    /** The pipes of one type (null: all) whose names match, as a table of name, type, nodes, updated_at. */
    static Table table(JsonNode pipes, String type, String match) {
        Pattern pattern = match == null ? null : Pattern.compile(match);
        Table table = new Table("name", "type", "nodes", "updated_at");
        for (JsonNode pipe : pipes.path("pipes")) {
            String name = pipe.path("name").asText();
            String pipeType = typeOf(pipe);
            if ((type == null || type.equals(pipeType)) && (pattern == null || pattern.matcher(name).find())) {
                table.row(name, pipeType, pipe.path("nodes").size(), Output.cell(pipe.get("updated_at")));
            }
        }
        return table;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List pipes.")
    public static final class Ls extends ApiCommand {
        @Option(names = "--match", description = "Only names matching this regular expression.")
        String match;

        @Override
        protected int run() {
            JsonNode pipes = list(api());
            Output.print(out(), output(), pipes, table(pipes, null, match));
            return 0;
        }
    }
}
