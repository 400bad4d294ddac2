package io.starling.cli;

import io.starling.cli.command.LocalCommand;
import io.starling.cli.command.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code starling} command line: {@code local} runs a node, the other commands talk to one over HTTP. */
@Command(
        name = "starling",
        mixinStandardHelpOptions = true,
        version = "Starling 0.1.0-SNAPSHOT",
        description = "Real-time analytics on Tinybird's APIs and ClickHouse SQL.",
        subcommands = {LocalCommand.class, SqlCommand.class})
public final class StarlingCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new StarlingCommand()).execute(args);
    }
}
