package io.starling.cli.project;

import io.starling.cli.CliException;
import io.starling.cli.TinybFile;
import io.starling.cli.http.Multipart;
import io.starling.datafiles.datasource.DatasourceFile;
import io.starling.datafiles.pipe.PipeFile;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A project folder: the {@code .datasource}, {@code .pipe} and {@code .connection} files under it (any folder
 * but hidden ones, {@code node_modules} and build outputs), its {@code fixtures/} and {@code tests/}.
 */
public final class Project {
    private final Path root;
    private final Map<String, Path> files;

    private Project(Path root, Map<String, Path> files) {
        this.root = root;
        this.files = files;
    }

    /** The folder named by {@code .tinyb}'s cwd, else the working directory. */
    public static Project locate(Path workingDirectory, TinybFile tinyb) {
        Path root = tinyb != null ? tinyb.projectDirectory() : workingDirectory;
        return at(root);
    }

    public static Project at(Path root) {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> found = walk.filter(Files::isRegularFile).filter(p -> isDatafile(p) && !skipped(root, p))
                    .sorted().toList();
            for (Path file : found) {
                String name = file.getFileName().toString();
                Path previous = files.putIfAbsent(name, file);
                if (previous != null) {
                    throw new CliException(2, "Two datafiles are named " + name + ": " + root.relativize(previous)
                            + " and " + root.relativize(file) + ". Resource names must be unique; rename one.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Project(root, files);
    }

    private static boolean isDatafile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".datasource") || name.endsWith(".pipe") || name.endsWith(".connection");
    }

    private static boolean skipped(Path root, Path file) {
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (part.startsWith(".") || part.equals("node_modules") || part.startsWith("target")) {
                return true;
            }
        }
        return false;
    }

    public Path root() {
        return root;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public List<Path> files() {
        return List.copyOf(files.values());
    }

    /** {@code datasources/orders.datasource} for the file of resource {@code orders} of that kind, else null. */
    public String pathOf(String resourceName, String extension) {
        Path file = files.get(resourceName + extension);
        return file == null ? null : relative(file);
    }

    public String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Parses every .datasource and .pipe locally; answers the errors as {@code path:line: message}. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        for (Path file : files.values()) {
            String name = file.getFileName().toString();
            try {
                String text = Files.readString(file);
                if (name.endsWith(".datasource")) {
                    DatasourceFile.parse(text, relative(file));
                } else if (name.endsWith(".pipe")) {
                    PipeFile.parse(text, relative(file));
                }
            } catch (StarlingException e) {
                errors.add(e.getMessage());
            } catch (IOException e) {
                errors.add(relative(file) + ": cannot read: " + e.getMessage());
            }
        }
        return errors;
    }

    /** Every datafile as a {@code data_project://} part named by its file name, as {@code /v1/build} expects. */
    public Multipart multipart() {
        Multipart body = new Multipart();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            body.file("data_project://", file.getKey(), "text/plain", file.getValue());
        }
        return body;
    }

    /** {@code fixtures/<datasource>.ndjson} (or .csv), or null. */
    public Path fixture(String datasource) {
        for (String extension : List.of(".ndjson", ".csv")) {
            Path file = root.resolve("fixtures").resolve(datasource + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    public Path testsDirectory() {
        return root.resolve("tests");
    }

    /** The file name's kind for change tables: datasource, pipe, connection. */
    public static String kindOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.substring(lower.lastIndexOf('.') + 1);
    }
}
