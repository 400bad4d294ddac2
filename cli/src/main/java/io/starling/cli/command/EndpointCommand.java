package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.OutputFormat;
import io.starling.cli.http.ApiResponse;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starling endpoint ls|data|url}: published pipes ({@code GET /v0/pipes/{pipe}.{format}}). */
@Command(name = "endpoint", mixinStandardHelpOptions = true, description = "List and call endpoints.",
        subcommands = {EndpointCommand.Ls.class, EndpointCommand.Data.class, EndpointCommand.Url.class})
public final class EndpointCommand extends ApiCommand.Group {

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List endpoints.")
    public static final class Ls extends ApiCommand {
        @Option(names = "--match", description = "Only names matching this regular expression.")
        String match;

        @Override
        protected int run() {
            JsonNode pipes = PipeCommand.list(api());
            Output.print(out(), output(), pipes, PipeCommand.table(pipes, "endpoint", match));
            return 0;
        }
    }

    @Command(name = "data", mixinStandardHelpOptions = true, description = "Call an endpoint and print its rows.")
    public static final class Data extends ApiCommand {
        @Parameters(index = "0", description = "Pipe name.")
        String pipe;

        @Option(names = "--param", description = "Endpoint parameter name=value (repeatable).")
        List<String> parameters;

        @Option(names = "--format", description = "json or csv: print the endpoint's answer in that format.")
        String format;

        @Override
        protected int run() {
            OutputFormat output = format != null ? OutputFormat.valueOf(format.toLowerCase(java.util.Locale.ROOT))
                    : output();
            String extension = output == OutputFormat.csv ? "csv" : "json";
            ApiResponse response = api().get("/v0/pipes/" + pipe + "." + extension, Params.fromAssignments(parameters),
                    "endpoints (GET /v0/pipes/{pipe}." + extension + ")");
            if (output != OutputFormat.human) {
                String body = response.body();
                out().print(body.endsWith("\n") ? body : body + "\n");
                return 0;
            }
            Table table = Output.resultTable(response.json());
            if (table == null) {
                out().println(Output.pretty(response.json()));
            } else if (table.size() == 0) {
                out().println("** No rows");
            } else {
                table.printHuman(out());
            }
            return 0;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true, description = "Print the URL of an endpoint.")
    public static final class Url extends ApiCommand {
        @Parameters(index = "0", description = "Pipe name.")
        String pipe;

        @Option(names = "--with-token", description = "Add ?token= with the token in use.")
        boolean withToken;

        @Override
        protected int run() {
            String url = target().host() + "/v0/pipes/" + pipe + ".json";
            if (withToken && target().token() != null) {
                url += "?" + new Params().add("token", target().token()).encode();
            }
            out().println(url);
            return 0;
        }
    }
}
