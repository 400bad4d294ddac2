package io.starling.cli.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data body of file and text parts, streamed from disk with a known length. */
public final class Multipart {
    private final String boundary = "starling-" + UUID.randomUUID();
    private final List<Part> parts = new ArrayList<>();

    private record Part(byte[] header, Path file, byte[] content) {
        long length() throws IOException {
            return header.length + (file != null ? Files.size(file) : content.length) + 2;
        }

        InputStream open() throws IOException {
            InputStream body = file != null ? Files.newInputStream(file) : new ByteArrayInputStream(content);
            return new java.io.SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(header),
                    body, new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)))));
        }
    }

    public Multipart file(String field, String fileName, String contentType, Path file) {
        parts.add(new Part(header(field, fileName, contentType), file, null));
        return this;
    }

    public Multipart text(String field, String fileName, String contentType, String text) {
        parts.add(new Part(header(field, fileName, contentType), null, text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    private byte[] header(String field, String fileName, String contentType) {
        StringBuilder header = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(field).append('"');
        if (fileName != null) {
            header.append("; filename=\"").append(fileName.replace("\"", "")).append('"');
        }
        header.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private byte[] trailer() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public long length() {
        try {
            long total = trailer().length;
            for (Part part : parts) {
                total += part.length();
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open() {
        try {
            List<InputStream> streams = new ArrayList<>();
            for (Part part : parts) {
                streams.add(part.open());
            }
            streams.add(new ByteArrayInputStream(trailer()));
            return new java.io.SequenceInputStream(Collections.enumeration(streams));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
