package io.starling.cli.support;

import io.starling.cli.CliContext;
import io.starling.cli.StarlingCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a chosen environment, working directory and captured output. */
public final class Cli {
    public record Result(int exit, String out, String err) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path workingDirectory;
    private boolean interactive;
    private String input = "";

    public Cli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Cli interactive(String typed) {
        this.interactive = true;
        this.input = typed;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(Map.copyOf(env), workingDirectory,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(input)), interactive);
        int exit = StarlingCommand.execute(context, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
