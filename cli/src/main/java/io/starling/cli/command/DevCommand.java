package io.starling.cli.command;

import io.starling.cli.CliException;
import io.starling.cli.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code starling dev}: Tinybird's build-and-watch loop (spec lifecycle §3.3, §10 step 6). Builds the project (with
 * its fixtures), then watches its datafiles and fixtures; when one changes it prints {@code ⟲ Changes detected in
 * <file>} and rebuilds. Runs until interrupted (Ctrl-C). Polls modification times, so it works on every file
 * system (including mounted folders where file events do not arrive).
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Build the project, then rebuild it whenever a datafile or fixture changes (Ctrl-C to stop).")
public final class DevCommand extends ApiCommand {
    @Option(names = "--poll-millis", defaultValue = "500", description = "How often to look for changes (ms).")
    long pollMillis;

    @Option(names = "--max-builds", hidden = true, defaultValue = "0",
            description = "Stop after this many builds (0: never; for tests and scripts).")
    int maxBuilds;

    @Override
    protected int run() throws InterruptedException {
        Project first = Project.locate(context().workingDirectory(), target().tinyb());
        if (first.isEmpty()) {
            throw new CliException(2, "No .datasource or .pipe files under " + first.root()
                    + ". Run the command from your project folder.");
        }
        Path root = first.root();
        Map<String, String> seen = state(root);
        int builds = 0;
        int last = build();
        builds++;
        out().println("» Watching " + root + " for changes (Ctrl-C to stop)");
        out().flush();
        while (maxBuilds <= 0 || builds < maxBuilds) {
            Thread.sleep(pollMillis);
            Map<String, String> now = state(root);
            if (now.equals(seen)) {
                continue;
            }
            for (String changed : changes(seen, now)) {
                out().println("⟲ Changes detected in " + changed);
            }
            seen = now;
            out().println("» Rebuilding project...");
            try {
                last = build();
            } catch (CliException e) {
                err().println(e.getMessage());
                last = e.exitCode();
            }
            builds++;
            out().flush();
        }
        return last;
    }

    private int build() {
        return BuildCommand.build(this, false, false);
    }

    /** Relative path → size and modification time of every datafile and fixture. */
    static Map<String, String> state(Path root) {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(path -> watched(root, path)).forEach(path -> {
                try {
                    state.put(root.relativize(path).toString().replace('\\', '/'),
                            Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
                } catch (IOException e) {
                    // deleted while walking: the next poll sees it gone
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static boolean watched(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (relative.startsWith(".") || relative.contains("/.") || relative.startsWith("target")
                || relative.contains("node_modules")) {
            return false;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".datasource") || name.endsWith(".pipe") || name.endsWith(".connection")
                || (relative.startsWith("fixtures/") && (name.endsWith(".ndjson") || name.endsWith(".csv")));
    }

    private static java.util.List<String> changes(Map<String, String> before, Map<String, String> after) {
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, String> entry : after.entrySet()) {
            if (!Objects.equals(before.get(entry.getKey()), entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                changed.add(name);
            }
        }
        return changed;
    }
}
