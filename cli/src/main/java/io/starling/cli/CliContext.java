package io.starling.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command runs: its environment variables, working directory and streams. Commands never read
 * {@code System.getenv} or {@code System.out} directly, so tests can run them with a fake environment.
 *
 * @param interactive true when a person is at the terminal: progress lines and confirmation prompts are shown
 */
public record CliContext(Map<String, String> env, Path workingDirectory, PrintStream out, PrintStream err,
                         BufferedReader in, boolean interactive) {

    /** The real process: System streams (as they are now), the real environment and current directory. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.console() != null);
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public CliContext withEnv(Map<String, String> variables) {
        return new CliContext(Map.copyOf(variables), workingDirectory, out, err, in, interactive);
    }

    public CliContext withWorkingDirectory(Path directory) {
        return new CliContext(env, directory.toAbsolutePath(), out, err, in, interactive);
    }

    public CliContext withInteractive(boolean value) {
        return new CliContext(env, workingDirectory, out, err, in, value);
    }
}
