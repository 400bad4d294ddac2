package io.starling.node.pipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.datafiles.pipe.PipeType;
import io.starling.datafiles.template.ParameterInfo;
import java.util.List;
import java.util.Locale;

/**
 * An OpenAPI 3.0 document of endpoint pipes ({@code GET /v0/pipes/openapi.json}): one {@code GET
 * /v0/pipes/<name>.json} operation per endpoint, with its template parameters as query parameters (type, default,
 * required, description, example, enum) and the {@code token} query parameter or bearer authentication.
 */
public final class EndpointOpenApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EndpointOpenApi() {
    }

    /** The document for {@code pipes} (callers pass only those the token may read; non-endpoints are skipped). */
    public static ObjectNode render(List<LoadedPipe> pipes, String baseUrl) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("openapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Starling endpoints");
        info.put("version", "1.0.0");
        info.put("description", "Published API endpoints (pipes with TYPE ENDPOINT). Change .json to .csv, "
                + ".ndjson or .prometheus for other formats.");
        document.putArray("servers").addObject().put("url", baseUrl);
        ObjectNode paths = document.putObject("paths");
        for (LoadedPipe pipe : pipes) {
            if (pipe.type() != PipeType.ENDPOINT) {
                continue;
            }
            ObjectNode get = paths.putObject("/v0/pipes/" + pipe.name() + ".json").putObject("get");
            get.put("operationId", pipe.name());
            get.put("summary", pipe.name());
            String description = pipe.file().description();
            if (description != null && !description.isBlank()) {
                get.put("description", description.strip());
            }
            ArrayNode parameters = get.putArray("parameters");
            for (ParameterInfo parameter : pipe.parameters()) {
                parameters.add(parameter(parameter));
            }
            ObjectNode token = parameters.addObject();
            token.put("name", "token");
            token.put("in", "query");
            token.put("required", false);
            token.put("description", "A token with PIPES:READ on this pipe (or send it as a Bearer token)");
            token.putObject("schema").put("type", "string");
            ObjectNode responses = get.putObject("responses");
            responses.putObject("200").put("description", "The endpoint's result: meta, data, rows, statistics");
            responses.putObject("400").put("description", "Invalid parameters");
            responses.putObject("403").put("description", "The token may not read this endpoint");
        }
        ObjectNode schemes = document.putObject("components").putObject("securitySchemes");
        schemes.putObject("TokenBearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("TokenQuery").put("type", "apiKey").put("in", "query").put("name", "token");
        ArrayNode security = document.putArray("security");
        security.addObject().putArray("TokenBearer");
        security.addObject().putArray("TokenQuery");
        return document;
    }

    private static ObjectNode parameter(ParameterInfo parameter) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("name", parameter.name());
        json.put("in", "query");
        json.put("required", parameter.required());
        if (parameter.description() != null) {
            json.put("description", parameter.description());
        }
        if (parameter.example() != null) {
            json.put("example", parameter.example());
        }
        String type = parameter.type() == null ? "String" : parameter.type().strip();
        ObjectNode schema = json.putObject("schema");
        if (type.startsWith("Array(") && type.endsWith(")")) {
            schema.put("type", "array");
            ObjectNode items = schema.putObject("items");
            String element = type.substring("Array(".length(), type.length() - 1).strip();
            describe(element, items);
            if (!parameter.enumValues().isEmpty()) {
                ArrayNode values = items.putArray("enum");
                parameter.enumValues().forEach(values::add);
            }
            json.put("style", "form");
            json.put("explode", false);
            if (parameter.defaultValue() != null) {
                ArrayNode defaults = schema.putArray("default");
                for (String piece : parameter.defaultValue().split(",")) {
                    addTyped(defaults, element, piece.strip());
                }
            }
        } else {
            describe(type, schema);
            if (parameter.format() != null) {
                schema.put("format", parameter.format());
            }
            if (parameter.defaultValue() != null) {
                ArrayNode holder = MAPPER.createArrayNode();
                addTyped(holder, type, parameter.defaultValue());
                schema.set("default", holder.get(0));
            }
        }
        schema.put("x-starling-type", type);
        return json;
    }

    /** OpenAPI type and format of a template type function. */
    private static void describe(String type, ObjectNode schema) {
        String kind = kind(type);
        schema.put("type", kind);
        switch (type.toLowerCase(Locale.ROOT)) {
            case "int8", "int16", "int32", "uint8", "uint16", "uint32" -> schema.put("format", "int32");
            case "int64", "uint64", "int128", "uint128", "int256", "uint256" -> schema.put("format", "int64");
            case "float32" -> schema.put("format", "float");
            case "float64" -> schema.put("format", "double");
            case "date", "date32" -> schema.put("format", "date");
            case "datetime", "datetime64" -> schema.put("format", "date-time");
            default -> {
            }
        }
    }

    private static String kind(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("int") || lower.startsWith("uint")) {
            return "integer";
        }
        if (lower.startsWith("float") || lower.startsWith("decimal")) {
            return "number";
        }
        if (lower.equals("boolean") || lower.equals("bool")) {
            return "boolean";
        }
        return "string";
    }

    /** Appends the default as a JSON value of the parameter's type; text when it does not parse as one. */
    private static void addTyped(ArrayNode into, String type, String value) {
        try {
            switch (kind(type)) {
                case "integer" -> into.add(Long.parseLong(value));
                case "number" -> into.add(Double.parseDouble(value));
                case "boolean" -> into.add(value.equalsIgnoreCase("true") || value.equals("1"));
                default -> into.add(value);
            }
        } catch (NumberFormatException notANumber) {
            into.add(value);
        }
    }
}
