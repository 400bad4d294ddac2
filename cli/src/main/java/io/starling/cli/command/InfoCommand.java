package io.starling.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.cli.CliException;
import io.starling.cli.OutputFormat;
import io.starling.cli.http.ApiResponse;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import io.starling.cli.project.Project;
import picocli.CommandLine.Command;

/** {@code starling info}: which server, token and project the CLI would use, and whether the server answers. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the server, token and project in use.")
public final class InfoCommand extends ApiCommand {
    @Override
    protected int run() {
        String token;
        String reachable;
        try {
            token = target().token();
            api().get("/v0/datasources", new io.starling.cli.http.Params(), "the Data Sources API");
            reachable = "yes";
        } catch (CliException e) {
            token = null;
            reachable = "no (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        Project project = Project.locate(context().workingDirectory(), target().tinyb());
        ObjectNode json = ApiResponse.MAPPER.createObjectNode();
        json.put("api", target().host());
        json.put("local", target().isLocal());
        json.put("answering", reachable);
        json.put("token", token == null ? "" : token);
        json.put("token_source", token == null ? "none" : target().tokenSource());
        json.put("tinyb", target().tinyb() == null ? "" : target().tinyb().path().toString());
        json.put("project", project.root().toString());
        json.put("datafiles", project.files().size());
        if (output() != OutputFormat.human) {
            Table table = new Table("key", "value");
            json.fields().forEachRemaining(field -> table.row(field.getKey(), field.getValue().asText()));
            Output.print(out(), output(), json, table);
            return 0;
        }
        out().println(target().isLocal() ? "» Starling Local:" : "» Starling server:");
        Table server = new Table("key", "value")
                .row("api", target().host())
                .row("answering", reachable)
                .row("token", token == null ? "" : token)
                .row("token source", token == null ? "none" : target().tokenSource());
        server.printHuman(out());
        out().println("» Project:");
        new Table("key", "value")
                .row("current", context().workingDirectory())
                .row(".tinyb", target().tinyb() == null ? "(none)" : target().tinyb().path())
                .row("project", project.root())
                .row("datafiles", project.files().size())
                .printHuman(out());
        return 0;
    }
}
