package io.starling.cli.command;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code starling deploy}: {@code deployment create --wait --auto} (validate, create, wait, promote). */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy the project: create a deployment, wait for it and promote it to live.")
public final class DeployCommand extends ApiCommand {
    @Option(names = "--check", description = "Only validate the deployment and show the changes.")
    boolean check;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait for the deployment to be ready (default: true).")
    boolean await;

    @Option(names = "--auto", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Promote it when ready (default: true; needs --wait).")
    boolean auto;

    @Option(names = "--allow-destructive-operations", description = "Allow removing data sources and dropping data.")
    boolean allowDestructive;

    @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to wait (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int run() throws InterruptedException {
        return Deployments.create(this, new Deployments.Flags(check, await, auto && await, allowDestructive,
                Duration.ofSeconds(timeoutSeconds)));
    }
}
