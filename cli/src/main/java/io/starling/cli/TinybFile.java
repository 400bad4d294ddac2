package io.starling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code .tinyb} project file (JSON: host, token, tokens per host, cwd, workspace id), looked up in the working directory
 * and its parents.
 */
public record TinybFile(Path path, String host, String token, JsonNode tokens, String cwd, String id) {

    public static TinybFile find(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tinyb");
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        return null;
    }

    static TinybFile read(Path file) {
        try {
            JsonNode json = new ObjectMapper().readTree(Files.readString(file));
            return new TinybFile(file, text(json, "host"), text(json, "token"), json.get("tokens"), text(json, "cwd"),
                    text(json, "id"));
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage() + ". It must be JSON such as "
                    + "{\"host\": \"http://127.0.0.1:7181\", \"token\": \"...\"}; fix or delete it.");
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** The token stored for this host: {@code tokens[host]}, else {@code token} when the file's host is this host. */
    public String tokenFor(String normalizedHost) {
        if (tokens != null && tokens.isObject()) {
            var fields = tokens.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (Target.normalize(entry.getKey()).equals(normalizedHost) && !entry.getValue().asText().isBlank()) {
                    return entry.getValue().asText();
                }
            }
        }
        if (token != null && (host == null || Target.normalize(host).equals(normalizedHost))) {
            return token;
        }
        return null;
    }

    /** The project folder: {@code cwd} relative to the file's folder, else the file's folder. */
    public Path projectDirectory() {
        Path base = path.toAbsolutePath().getParent();
        return cwd == null ? base : base.resolve(cwd).normalize();
    }
}
