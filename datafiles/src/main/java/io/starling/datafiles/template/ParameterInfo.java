package io.starling.datafiles.template;

import java.util.List;

/**
 * A request parameter a template reads, for endpoint documentation (OpenAPI).
 *
 * @param name         the request parameter name (case-sensitive)
 * @param type         the typed function used ({@code String}, {@code Int32}, {@code DateTime}, {@code Array(Int32)},
 *                     ...); {@code String} when the template only tests or reads it untyped
 * @param defaultValue the default as text (arrays comma-separated), or null
 * @param required     {@code required=True} was given
 * @param description  {@code description=}, or null
 * @param example      {@code example=}, or null
 * @param format       {@code format=}, or null
 * @param enumValues   {@code enum=[...]} of an Array, else empty
 */
public record ParameterInfo(
        String name,
        String type,
        String defaultValue,
        boolean required,
        String description,
        String example,
        String format,
        List<String> enumValues) {

    public ParameterInfo {
        enumValues = List.copyOf(enumValues);
    }
}
