package io.starling.storage.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a LIKE pattern ({@code %}, {@code _}, backslash escapes) guarantees about matching strings. Stateless. */
final class LikePatterns {
    private LikePatterns() {
    }

    /** The literal bytes before the first wildcard. */
    static byte[] literalPrefix(String pattern) {
        List<Piece> pieces = pieces(pattern);
        return pieces.isEmpty() || pieces.get(0).wildcardBefore ? new byte[0] : pieces.get(0).bytes;
    }

    /** The literal runs between wildcards (every match contains each of them). */
    static List<byte[]> literalRuns(String pattern) {
        List<byte[]> runs = new ArrayList<>();
        for (Piece piece : pieces(pattern)) {
            runs.add(piece.bytes);
        }
        return runs;
    }

    /** Tokens of a plain value. */
    static List<byte[]> tokensOfValue(byte[] value) {
        return tokens(value, false, false);
    }

    /** Tokens every match must contain whole: inside a literal run, not touching a wildcard. */
    static List<byte[]> tokensOfPattern(String pattern) {
        List<byte[]> result = new ArrayList<>();
        for (Piece piece : pieces(pattern)) {
            result.addAll(tokens(piece.bytes, piece.wildcardBefore, piece.wildcardAfter));
        }
        return result;
    }

    private static List<byte[]> tokens(byte[] bytes, boolean openStart, boolean openEnd) {
        List<byte[]> tokens = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            while (at < bytes.length && !SkipIndexWriter.Tokens.isTokenByte(bytes[at])) {
                at++;
            }
            int start = at;
            while (at < bytes.length && SkipIndexWriter.Tokens.isTokenByte(bytes[at])) {
                at++;
            }
            if (at > start && !(openStart && start == 0) && !(openEnd && at == bytes.length)) {
                tokens.add(java.util.Arrays.copyOfRange(bytes, start, at));
            }
        }
        return tokens;
    }

    private record Piece(byte[] bytes, boolean wildcardBefore, boolean wildcardAfter) {
    }

    private static List<Piece> pieces(String pattern) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean wildcardBefore = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                if (!literal.isEmpty()) {
                    pieces.add(new Piece(literal.toString().getBytes(StandardCharsets.UTF_8), wildcardBefore, true));
                    literal.setLength(0);
                }
                wildcardBefore = true;
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(new Piece(literal.toString().getBytes(StandardCharsets.UTF_8), wildcardBefore, false));
        }
        return pieces;
    }

}
