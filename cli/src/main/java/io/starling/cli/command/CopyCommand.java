package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code starling copy ls|run}: copy pipes; {@code run} triggers {@code POST /v0/pipes/{pipe}/run}. */
@Command(name = "copy", mixinStandardHelpOptions = true, description = "List and run copy pipes.",
        subcommands = {CopyCommand.Ls.class, CopyCommand.Run.class})
public final class CopyCommand extends ApiCommand.Group {

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List copy pipes.")
    public static final class Ls extends ApiCommand {
        @Option(names = "--match", description = "Only names matching this regular expression.")
        String match;

        @Override
        protected int run() {
            JsonNode pipes = PipeCommand.list(api());
            Output.print(out(), output(), pipes, PipeCommand.table(pipes, "copy", match));
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a copy pipe now (a copy job).")
    public static final class Run extends ApiCommand {
        @Parameters(index = "0", description = "Copy pipe name.")
        String pipe;

        @Option(names = "--mode", description = "append or replace (default: the pipe's COPY_MODE).")
        String mode;

        @Option(names = "--param", description = "Pipe parameter name=value (repeatable).")
        List<String> parameters;

        @Option(names = "--wait", description = "Wait for the copy job to finish.")
        boolean await;

        @Override
        protected int run() throws InterruptedException {
            if (mode != null && !mode.equals("append") && !mode.equals("replace")) {
                throw new CliException(2, "--mode must be append or replace, not " + mode);
            }
            Params params = new Params().add("_mode", mode).addAll(Params.fromAssignments(parameters));
            JsonNode answer = api().postBody("/v0/pipes/" + pipe + "/run", params, "", "text/plain",
                    "running copy pipes (POST /v0/pipes/{pipe}/run)").json();
            String jobId = Jobs.idOf(answer);
            if (jobId == null) {
                out().println(Output.pretty(answer));
                return 0;
            }
            out().println("** Copy job " + jobId + " started");
            if (await) {
                Jobs.await(api(), jobId, out(), Duration.ofHours(2));
                out().println("✓ Copy to the target data source done");
            }
            return 0;
        }
    }
}
