package io.starling.chaos.harness;

import io.starling.cli.CliContext;
import io.starling.cli.StarlingCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code starling <args>} the way a user's shell does (the CLI's own entry point and code), in this JVM, against
 * a node given by TB_HOST/TB_TOKEN, from a project folder. Answers exit code, stdout and stderr.
 */
public final class CliRunner {
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path projectDirectory;
    private final Map<String, String> env;

    public CliRunner(Path projectDirectory, String host, String token) {
        this.projectDirectory = projectDirectory;
        this.env = Map.of("TB_HOST", host, "TB_TOKEN", token);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(env, projectDirectory, stdout, stderr,
                    new BufferedReader(new StringReader("")), false);
            int exit = StarlingCommand.execute(context, args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
