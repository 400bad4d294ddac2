package io.starling.cli.command;

import io.starling.cli.CliContext;
import io.starling.cli.CliException;
import io.starling.cli.GlobalOptions;
import io.starling.cli.OutputFormat;
import io.starling.cli.StarlingCommand;
import io.starling.cli.Target;
import io.starling.cli.http.ApiClient;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command: the global options, the resolved {@link Target} and the context's streams. */
public abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    private Target target;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;

    protected CliContext context() {
        return contextOf(spec);
    }

    static CliContext contextOf(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof StarlingCommand starling ? starling.context() : CliContext.system();
    }

    protected Target target() {
        if (target == null) {
            List<GlobalOptions> options = new ArrayList<>();
            for (CommandSpec s = spec; s != null; s = s.parent()) {
                for (CommandSpec mixin : s.mixins().values()) {
                    if (mixin.userObject() instanceof GlobalOptions global) {
                        options.add(global);
                    }
                }
            }
            target = new Target(context(), options);
        }
        return target;
    }

    protected ApiClient api() {
        return target().api();
    }

    protected OutputFormat output() {
        return target().output();
    }

    protected PrintStream out() {
        return context().out();
    }

    protected PrintStream err() {
        return context().err();
    }

    /** Asks a yes/no question when a person is at the terminal; without one, {@code --yes} is required. */
    protected void confirm(boolean yes, String question) {
        if (yes) {
            return;
        }
        if (!context().interactive()) {
            throw new CliException(2, question + " Pass --yes to confirm when not running interactively.");
        }
        err().print(question + " [y/N]: ");
        err().flush();
        String answer;
        try {
            answer = context().in().readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new CliException(1, "Cancelled.");
        }
    }

    /** Base of command groups ({@code datasource}, {@code token}...): without a subcommand, shows their usage. */
    public abstract static class Group extends ApiCommand {
        @Override
        protected int run() {
            spec.commandLine().usage(err());
            return 2;
        }
    }
}
