package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code starling job ls}: recent jobs ({@code GET /v0/jobs}). */
@Command(name = "job", mixinStandardHelpOptions = true, description = "List jobs.",
        subcommands = {JobCommand.Ls.class})
public final class JobCommand extends ApiCommand.Group {

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the jobs of the last 48 hours.")
    public static final class Ls extends ApiCommand {
        @Option(names = {"-s", "--status"}, description = "Only jobs in this status: waiting, working, done, error.")
        String status;

        @Option(names = "--kind", description = "Only jobs of this kind: import, copy, populate, delete_data...")
        String kind;

        @Override
        protected int run() {
            JsonNode json = api().get("/v0/jobs", new Params().add("status", status).add("kind", kind),
                    "the Jobs API (GET /v0/jobs)").json();
            Table table = new Table("id", "kind", "status", "created_at", "datasource", "error");
            for (JsonNode job : json.path("jobs")) {
                JsonNode datasource = job.path("datasource");
                table.row(job.path("id").asText(job.path("job_id").asText()), job.path("kind").asText(),
                        job.path("status").asText(), Output.cell(job.get("created_at")),
                        datasource.isObject() ? datasource.path("name").asText() : Output.cell(datasource),
                        Output.cell(job.get("error")));
            }
            Output.print(out(), output(), json, table);
            return 0;
        }
    }
}
