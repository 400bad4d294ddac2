package io.starling.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.starling.cli.CliException;

/** A server answer: status and body text, parsed as JSON on demand. */
public record ApiResponse(int status, String body, String contentType) {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new CliException("The server answered something that is not JSON: "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** The {@code error} field of a JSON error body, else the body. */
    public String errorMessage() {
        try {
            JsonNode error = MAPPER.readTree(body).get("error");
            if (error != null && !error.isNull()) {
                return error.isTextual() ? error.asText() : error.toString();
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // not JSON: show the text as it is
        }
        return body == null ? "" : body.strip();
    }
}
