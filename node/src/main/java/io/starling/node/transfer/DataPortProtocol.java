package io.starling.node.transfer;

import java.util.regex.Pattern;

/**
 * The data port's wire format (one request per TCP connection; a change here is a protocol change, guarded by
 * DataPortProtocolTest):
 * <pre>
 *   request:  "FETCH {tableId} {partName} {fileName} {offset}\n"       (UTF-8, one line)
 *   response: status (1 byte) | length (8 bytes, big-endian) | length bytes
 *             status 0 OK: the bytes of the file from offset to its end
 *             status 1 NOT_FOUND: UTF-8 message (the part is not on this node: merged away or never fetched)
 *             status 2 BUSY: UTF-8 message (too many transfers; retry later or elsewhere)
 *             status 3 ERROR: UTF-8 message
 * </pre>
 * Files are verified by the fetcher against the part's {@code checksums.txt}, fetched first.
 */
public final class DataPortProtocol {
    public static final String FETCH = "FETCH";
    public static final byte OK = 0;
    public static final byte NOT_FOUND = 1;
    public static final byte BUSY = 2;
    public static final byte ERROR = 3;
    public static final int HEADER_BYTES = 9;
    public static final int MAX_REQUEST_LINE = 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.%-]+");

    private DataPortProtocol() {
    }

    /** A parsed request. */
    public record Request(String tableId, String partName, String fileName, long offset) {
        public String line() {
            return FETCH + ' ' + tableId + ' ' + partName + ' ' + fileName + ' ' + offset + '\n';
        }
    }

    /** Parses a request line (without its newline); throws IllegalArgumentException with the reason. */
    public static Request parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 5 || !fields[0].equals(FETCH)) {
            throw new IllegalArgumentException("Expected [FETCH table part file offset], got [" + line + "]");
        }
        for (int i = 1; i < 4; i++) {
            if (!safeName(fields[i])) {
                throw new IllegalArgumentException("Name [" + fields[i] + "] is not a plain file or directory name");
            }
        }
        long offset;
        try {
            offset = Long.parseLong(fields[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Offset [" + fields[4] + "] is not a number");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("Offset [" + offset + "] is negative");
        }
        return new Request(fields[1], fields[2], fields[3], offset);
    }

    /** A name that cannot leave its directory ({@code ..}, separators) and has no spaces. */
    public static boolean safeName(String name) {
        return NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
