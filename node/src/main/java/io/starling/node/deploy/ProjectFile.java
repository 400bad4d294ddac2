package io.starling.node.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One uploaded file of the project. */
public record ProjectFile(String fileName, byte[] content) {
    String baseName() {
        String name = fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    String resourceName() {
        String base = baseName();
        int dot = base.indexOf('.');
        return dot < 0 ? base : base.substring(0, dot);
    }

    String extension() {
        String base = baseName().toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1);
    }

    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
