package io.starling.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.starling.cli.CliException;
import io.starling.cli.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWTs as Tinybird signs them: HS256 over {@code {workspace_id, name, exp, scopes[, limits]}} with the workspace
 * admin token as the key. Signed locally; the server only verifies them.
 */
final class JwtTokens {
    private static final Pattern TTL = Pattern.compile("(?i)^(\\d+)\\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes"
            + "|h|hr|hour|hours|d|day|days|w|week|weeks)$");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private JwtTokens() {
    }

    static Duration ttl(String text) {
        Matcher matcher = TTL.matcher(text.strip());
        if (!matcher.matches()) {
            throw new CliException(2, "--ttl [" + text + "] is not a duration such as 30min, 1h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT).charAt(0)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    /**
     * The payload: one scope per {@code --scope}/{@code --resource} pair; fixed params go to PIPES:READ scopes and
     * the filter to DATASOURCES:READ scopes.
     */
    static ObjectNode payload(String workspaceId, String name, long expiresAt, List<String> scopes, List<String> resources,
                              String fixedParams, String filter, Integer rps) {
        if (scopes.size() != resources.size()) {
            throw new CliException(2, "Give one --resource per --scope (" + scopes.size() + " scopes, " + resources.size()
                    + " resources).");
        }
        ObjectNode payload = ApiResponse.MAPPER.createObjectNode();
        payload.put("workspace_id", workspaceId);
        payload.put("name", name);
        payload.put("exp", expiresAt);
        ArrayNode array = payload.putArray("scopes");
        for (int i = 0; i < scopes.size(); i++) {
            String type = scopes.get(i).toUpperCase(Locale.ROOT);
            if (!type.equals("PIPES:READ") && !type.equals("DATASOURCES:READ")) {
                throw new CliException(2, "JWT scopes are PIPES:READ or DATASOURCES:READ, not " + scopes.get(i));
            }
            ObjectNode scope = array.addObject().put("type", type).put("resource", resources.get(i));
            if (type.equals("PIPES:READ") && fixedParams != null) {
                ObjectNode fixed = scope.putObject("fixed_params");
                for (String pair : fixedParams.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new CliException(2, "--fixed-params must be k=v,k2=v2; [" + pair + "] is not k=v");
                    }
                    fixed.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            if (type.equals("DATASOURCES:READ") && filter != null) {
                scope.put("filter", filter);
            }
        }
        if (rps != null) {
            payload.putObject("limits").put("rps", rps);
        }
        return payload;
    }

    static String sign(ObjectNode payload, String key) {
        String header = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + body).getBytes(StandardCharsets.UTF_8));
            return header + "." + body + "." + URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
