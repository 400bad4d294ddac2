package io.starling.cli.command;

import picocli.CommandLine.Command;

/** {@code starling dev}: Tinybird's watch-and-rebuild loop; not available yet. */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Build and watch the project (not available yet).")
public final class DevCommand extends ApiCommand {
    @Override
    protected int run() {
        err().println("`starling dev` is not available yet. Run `starling build` after each change, and query with "
                + "`starling sql`.");
        return 1;
    }
}
