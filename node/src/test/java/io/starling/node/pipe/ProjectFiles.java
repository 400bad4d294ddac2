package io.starling.node.pipe;

import io.starling.node.testing.Api;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Project files sent to POST /v1/build as tb build sends them: one data_project:// part per file. */
final class ProjectFiles {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    static ProjectFiles fromResources(String project, String... names) {
        Path root = resource(project);
        ProjectFiles files = new ProjectFiles();
        for (String name : names) {
            files.add(name, read(root.resolve(name)));
        }
        return files;
    }

    /** Every .datasource and .pipe under {@code root} (any depth), by file name. */
    static ProjectFiles fromDirectory(Path root) {
        ProjectFiles files = new ProjectFiles();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".datasource") || name.endsWith(".pipe")) {
                    files.add(root.relativize(file).toString(), read(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static Path resource(String project) {
        try {
            return Path.of(ProjectFiles.class.getResource("/projects/" + project).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("No test project " + project, e);
        }
    }

    ProjectFiles add(String fileName, byte[] content) {
        files.put(fileName, content);
        return this;
    }

    ProjectFiles add(String fileName, String content) {
        return add(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    HttpResponse<String> build(Api api) {
        String boundary = "----starling-build-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data_project://\"; filename=\""
                    + name + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/v1/build").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
