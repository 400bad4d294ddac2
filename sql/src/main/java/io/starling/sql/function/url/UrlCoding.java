package io.starling.sql.function.url;

import io.starling.storage.column.StringColumnBuilder;

/**
 * Percent-encoding as ClickHouse's encode/decodeURL(Form)Component do it: encoding keeps ASCII letters, digits and
 * {@code - _ . ~} and writes every other byte as {@code %XX} (upper-case hex; the form variant writes a space as
 * {@code +}); decoding turns valid {@code %XX} into the byte and keeps malformed sequences as they are (the form
 * variant also turns {@code +} into a space).
 */
final class UrlCoding {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private UrlCoding() {
    }

    static void decode(byte[] bytes, int from, int to, StringColumnBuilder out, boolean form) {
        byte[] decoded = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < to && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                decoded[length++] = (byte) (hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else if (form && b == '+') {
                decoded[length++] = ' ';
            } else {
                decoded[length++] = b;
            }
        }
        out.appendBytes(decoded, 0, length);
    }

    static void encode(byte[] bytes, int from, int to, StringColumnBuilder out, boolean form) {
        byte[] encoded = new byte[(to - from) * 3];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (UrlParser.isAlphaNumeric(b) || b == '-' || b == '_' || b == '.' || b == '~') {
                encoded[length++] = b;
            } else if (form && b == ' ') {
                encoded[length++] = '+';
            } else {
                encoded[length++] = '%';
                encoded[length++] = HEX[(b >> 4) & 0xF];
                encoded[length++] = HEX[b & 0xF];
            }
        }
        out.appendBytes(encoded, 0, length);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
