package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.Params;
import io.starling.cli.output.Output;
import io.starling.cli.output.Table;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code starling deployment ls|create|promote|discard}. */
@Command(name = "deployment", mixinStandardHelpOptions = true, description = "Manage deployments.",
        subcommands = {DeploymentCommand.Ls.class, DeploymentCommand.Create.class, DeploymentCommand.Promote.class,
                DeploymentCommand.Discard.class})
public final class DeploymentCommand extends ApiCommand.Group {

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List deployments.")
    public static final class Ls extends ApiCommand {
        @Override
        protected int run() {
            JsonNode json = Deployments.list(api());
            Table table = new Table("id", "status", "created_at");
            for (JsonNode deployment : json.path("deployments")) {
                table.row(deployment.path("id").asText(), Deployments.humanStatus(deployment),
                        Output.cell(deployment.get("created_at")));
            }
            Output.print(out(), output(), json, table);
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a staging deployment of the project (no wait, no promotion unless asked).")
    public static final class Create extends ApiCommand {
        @Option(names = "--check", description = "Only validate the deployment and show the changes.")
        boolean check;

        @Option(names = "--wait", negatable = true, description = "Wait for the deployment to be ready.")
        boolean await;

        @Option(names = "--auto", negatable = true, description = "Promote it when ready (needs --wait).")
        boolean auto;

        @Option(names = "--allow-destructive-operations", description = "Allow removing data sources and dropping data.")
        boolean allowDestructive;

        @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to wait (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        protected int run() throws InterruptedException {
            return Deployments.create(this, new Deployments.Flags(check, await, auto, allowDestructive,
                    Duration.ofSeconds(timeoutSeconds)));
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Promote the staging deployment to live.")
    public static final class Promote extends ApiCommand {
        @Option(names = "--id", description = "Deployment id (default: the staging deployment).")
        String id;

        @Override
        protected int run() {
            String chosen = id;
            if (chosen == null) {
                JsonNode staging = Deployments.staging(Deployments.list(api()));
                if (staging == null) {
                    throw new CliException("There is no staging deployment to promote. Create one with "
                            + "`starling deployment create --wait`.");
                }
                chosen = staging.path("id").asText();
            }
            Deployments.promote(api(), chosen, out());
            return 0;
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true, description = "Discard the staging deployment.")
    public static final class Discard extends ApiCommand {
        @Option(names = "--id", description = "Deployment id (default: the staging deployment).")
        String id;

        @Override
        protected int run() {
            String chosen = id;
            if (chosen == null) {
                JsonNode staging = Deployments.staging(Deployments.list(api()));
                if (staging == null) {
                    throw new CliException("There is no staging deployment to discard.");
                }
                chosen = staging.path("id").asText();
            }
            out().println("Removing deployment " + chosen);
            api().delete("/v1/deployments/" + chosen, new Params(), "discarding deployments (DELETE /v1/deployments/{id})");
            out().println("Discard process successfully completed");
            return 0;
        }
    }
}
