package io.starling.node.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tinybird JWTs: HS256 signed with the workspace admin token (whatever the {@code alg} header says), claims
 * {@code workspace_id}, {@code name}, {@code exp}, {@code scopes[{type, resource, fixed_params, filter}]},
 * {@code limits.rps}. The HMAC is computed here (nimbus parses and builds), so admin tokens shorter than
 * 256 bits still sign, as Tinybird's do.
 */
public final class Jwts {
    private Jwts() {
    }

    /** Why a JWT was refused (answered as 403 with this text). */
    public static final class InvalidJwt extends Exception {
        public InvalidJwt(String message) {
            super(message);
        }
    }

    /** True when {@code token} looks like a JWT (three base64url sections, JSON header). */
    public static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    public static Principal verify(String token, String signingKey, Instant now) throws InvalidJwt {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidJwt("Invalid token: not a valid JWT (" + e.getMessage() + ")");
        }
        byte[] expected = hmac(signingKey, jwt.getSigningInput());
        if (!MessageDigest.isEqual(expected, jwt.getSignature().decode())) {
            throw new InvalidJwt("Invalid token: the JWT signature does not match. Sign it (HS256) with the "
                    + "workspace admin token");
        }
        if (claims.getExpirationTime() == null) {
            throw new InvalidJwt("Invalid token: the JWT has no exp claim; add one (unix seconds)");
        }
        if (!claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new InvalidJwt("Invalid token: the JWT expired at " + claims.getExpirationTime().toInstant()
                    + "; create a new one");
        }
        String name;
        List<Grant> grants = new ArrayList<>();
        int rps = 0;
        try {
            name = claims.getStringClaim("name");
            List<Object> scopes = claims.getListClaim("scopes");
            for (Object scope : scopes == null ? List.of() : scopes) {
                if (!(scope instanceof Map<?, ?> map)) {
                    throw new InvalidJwt("Invalid token: every JWT scope must be an object {type, resource}");
                }
                Object type = map.get("type");
                Object resource = map.get("resource");
                if (!(Grant.PIPES_READ.equals(type) || Grant.DATASOURCES_READ.equals(type))) {
                    throw new InvalidJwt("Invalid token: JWT scope type [" + type
                            + "] is not allowed; use PIPES:READ or DATASOURCES:READ");
                }
                if (resource == null || resource.toString().isBlank()) {
                    throw new InvalidJwt("Invalid token: JWT scope " + type + " needs a resource (pipe or data source)");
                }
                Map<String, String> fixed = new LinkedHashMap<>();
                if (map.get("fixed_params") instanceof Map<?, ?> params) {
                    params.forEach((key, value) -> fixed.put(String.valueOf(key), String.valueOf(value)));
                }
                Object filter = map.get("filter");
                grants.add(new Grant(type.toString(), resource.toString(), fixed, filter == null ? null : filter.toString()));
            }
            Map<String, Object> limits = claims.getJSONObjectClaim("limits");
            if (limits != null && limits.get("rps") instanceof Number number) {
                rps = Math.max(0, number.intValue());
            }
        } catch (ParseException e) {
            throw new InvalidJwt("Invalid token: malformed JWT claims (" + e.getMessage() + ")");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidJwt("Invalid token: the JWT has no name claim");
        }
        return new Principal(name, name, grants, true, rps);
    }

    /** Signs {@code claims} as an HS256 JWT with {@code signingKey}. */
    public static String sign(JWTClaimsSet claims, String signingKey) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        Base64URL encodedHeader = header.toBase64URL();
        Base64URL encodedPayload = Base64URL.encode(claims.toString());
        String signingInput = encodedHeader + "." + encodedPayload;
        byte[] signature = hmac(signingKey, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }

    private static byte[] hmac(String key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(keyBytes.length == 0 ? new byte[1] : keyBytes, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
