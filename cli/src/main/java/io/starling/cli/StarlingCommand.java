package io.starling.cli;

import io.starling.cli.command.BuildCommand;
import io.starling.cli.command.CopyCommand;
import io.starling.cli.command.DatasourceCommand;
import io.starling.cli.command.DeployCommand;
import io.starling.cli.command.DeploymentCommand;
import io.starling.cli.command.DevCommand;
import io.starling.cli.command.EndpointCommand;
import io.starling.cli.command.FmtCommand;
import io.starling.cli.command.InfoCommand;
import io.starling.cli.command.JobCommand;
import io.starling.cli.command.LocalCommand;
import io.starling.cli.command.PipeCommand;
import io.starling.cli.command.SqlCommand;
import io.starling.cli.command.TestCommand;
import io.starling.cli.command.TokenCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code starling} command line, shaped like Tinybird's {@code tb}: {@code local} runs a node, every other
 * command talks to a server over the public HTTP API (or, for {@code fmt}, works on local files).
 */
@Command(
        name = "starling",
        mixinStandardHelpOptions = true,
        version = "Starling 0.1.0-SNAPSHOT",
        description = "Real-time analytics on Tinybird's APIs and ClickHouse SQL.",
        subcommands = {LocalCommand.class, SqlCommand.class, DatasourceCommand.class, PipeCommand.class,
                EndpointCommand.class, TokenCommand.class, JobCommand.class, CopyCommand.class, BuildCommand.class,
                DeployCommand.class, DeploymentCommand.class, TestCommand.class, FmtCommand.class, InfoCommand.class,
                DevCommand.class, io.starling.cli.command.ServerCommand.class,
                io.starling.cli.command.ClusterCommand.class})
public final class StarlingCommand implements Runnable {
    @Mixin
    GlobalOptions globals;

    private final CliContext context;

    public StarlingCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(CliContext.system(), args);
    }

    public static int execute(CliContext context, String... args) {
        CommandLine commandLine = new CommandLine(new StarlingCommand(context));
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            if (failure instanceof CliException cli) {
                context.err().println(cli.getMessage());
                return cli.exitCode();
            }
            if (failure instanceof java.io.UncheckedIOException io) {
                context.err().println("Error: " + io.getCause().getMessage());
                return 1;
            }
            context.err().println("Error: " + failure);
            if (context.env("STARLING_DEBUG") != null) {
                failure.printStackTrace(context.err());
            }
            return 1;
        });
        return commandLine.execute(args);
    }
}
