package io.starling.sql.function.ip;

/** Text forms of IPv4 and IPv6 addresses, as ClickHouse parses and prints them. */
final class IpText {
    private IpText() {
    }

    /** The IPv4 address as an unsigned number, or -1 when {@code text} is not exactly a dotted quad. */
    static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    static String formatIpv4(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }

    /** The 16 bytes of an IPv6 address (an IPv4 address maps to ::ffff:a.b.c.d), or null when invalid. */
    static byte[] parseIpv6(String text) {
        long v4 = parseIpv4(text);
        if (v4 >= 0) {
            byte[] out = new byte[16];
            out[10] = (byte) 0xFF;
            out[11] = (byte) 0xFF;
            writeIpv4(out, 12, v4);
            return out;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0 || text.isEmpty()) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headWords = words(head, doubleColon < 0 || tail.isEmpty());
        int[] tailWords = doubleColon >= 0 ? words(tail, true) : new int[0];
        if (headWords == null || tailWords == null) {
            return null;
        }
        int total = headWords.length + tailWords.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headWords.length; i++) {
            out[2 * i] = (byte) (headWords[i] >>> 8);
            out[2 * i + 1] = (byte) headWords[i];
        }
        for (int i = 0; i < tailWords.length; i++) {
            int at = 8 - tailWords.length + i;
            out[2 * at] = (byte) (tailWords[i] >>> 8);
            out[2 * at + 1] = (byte) tailWords[i];
        }
        return out;
    }

    /** 16-bit groups separated by ':'; the last may be a dotted IPv4 address (two groups) when allowed. */
    private static int[] words(String text, boolean ipv4Last) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4Last && part.contains(".")) {
                long v4 = parseIpv4(part);
                if (v4 < 0) {
                    return null;
                }
                out.add((int) (v4 >>> 16));
                out.add((int) (v4 & 0xFFFF));
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            try {
                out.add(Integer.parseInt(part, 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeIpv4(byte[] out, int at, long v4) {
        out[at] = (byte) (v4 >>> 24);
        out[at + 1] = (byte) (v4 >>> 16);
        out[at + 2] = (byte) (v4 >>> 8);
        out[at + 3] = (byte) v4;
    }

    /**
     * Lower-case hex groups; the longest run of two or more zero groups becomes "::"; an IPv4-mapped
     * (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) address prints its last 32 bits dotted.
     */
    static String formatIpv6(byte[] bytes) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i == 6 && bestStart == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xFFFF)) {
                if (out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(formatIpv4(((long) words[6] << 16) | words[7]));
                break;
            }
            if (i > 0 && out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }

    /** The 16 bytes of a UUID's text (with or without dashes) in text order, or null when invalid. */
    static byte[] parseUuid(String text) {
        String hex = text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-' && text.charAt(18) == '-'
                && text.charAt(23) == '-' ? text.replace("-", "") : text;
        if (hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    static String formatUuid(byte[] bytes) {
        StringBuilder out = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out.append('-');
            }
            out.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return out.toString();
    }
}
